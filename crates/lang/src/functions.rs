//! Terraform's built-in functions (Terraform 1.x), with a signature and a one-line summary
//! for completion. Whether TerraOrbis computes each one offline comes from orbis-hcl's
//! evaluator (`orbis_hcl::eval::functions::is_computed`).

/// (name, parameters, summary).
pub const FUNCTIONS: &[(&str, &str, &str)] = &[
    // Numeric
    ("abs", "number", "Absolute value of a number."),
    (
        "ceil",
        "number",
        "Closest whole number greater than or equal to the value.",
    ),
    (
        "floor",
        "number",
        "Closest whole number less than or equal to the value.",
    ),
    ("log", "number, base", "Logarithm of a number in a base."),
    ("max", "numbers...", "Greatest of the numbers."),
    ("min", "numbers...", "Smallest of the numbers."),
    (
        "parseint",
        "string, base",
        "Parses a string as an integer in a base (2 to 62).",
    ),
    (
        "pow",
        "base, exponent",
        "Base raised to the power of the exponent.",
    ),
    ("signum", "number", "Sign of a number: -1, 0 or 1."),
    // String
    (
        "chomp",
        "string",
        "Removes newline characters at the end of a string.",
    ),
    (
        "endswith",
        "string, suffix",
        "Whether a string ends with a suffix.",
    ),
    (
        "format",
        "spec, values...",
        "Formats values according to a specification string.",
    ),
    (
        "formatlist",
        "spec, values...",
        "Formats each element of lists into a list of strings.",
    ),
    (
        "indent",
        "spaces, string",
        "Indents every line but the first of a string.",
    ),
    (
        "join",
        "separator, list",
        "Joins the strings of a list with a separator.",
    ),
    ("lower", "string", "Converts letters to lowercase."),
    (
        "regex",
        "pattern, string",
        "Matches a regular expression and returns the captures.",
    ),
    (
        "regexall",
        "pattern, string",
        "Every match of a regular expression in a string.",
    ),
    (
        "replace",
        "string, substring, replacement",
        "Replaces a substring (or /regex/).",
    ),
    (
        "split",
        "separator, string",
        "Splits a string into a list at a separator.",
    ),
    (
        "startswith",
        "string, prefix",
        "Whether a string starts with a prefix.",
    ),
    (
        "strcontains",
        "string, substring",
        "Whether a string contains a substring.",
    ),
    ("strrev", "string", "Reverses the characters of a string."),
    (
        "substr",
        "string, offset, length",
        "Part of a string, by character offset and length.",
    ),
    (
        "templatestring",
        "template, vars",
        "Renders a template held in a string value.",
    ),
    (
        "title",
        "string",
        "Upper-cases the first letter of each word.",
    ),
    (
        "trim",
        "string, characters",
        "Removes the given characters from both ends.",
    ),
    (
        "trimprefix",
        "string, prefix",
        "Removes a prefix from a string.",
    ),
    (
        "trimspace",
        "string",
        "Removes whitespace from both ends of a string.",
    ),
    (
        "trimsuffix",
        "string, suffix",
        "Removes a suffix from a string.",
    ),
    ("upper", "string", "Converts letters to uppercase."),
    // Collection
    (
        "alltrue",
        "list",
        "Whether every element of a list is true (or the list is empty).",
    ),
    ("anytrue", "list", "Whether any element of a list is true."),
    (
        "chunklist",
        "list, size",
        "Splits a list into lists of at most `size` elements.",
    ),
    (
        "coalesce",
        "values...",
        "First argument that is not null or an empty string.",
    ),
    (
        "coalescelist",
        "lists...",
        "First argument that is a non-empty list.",
    ),
    (
        "compact",
        "list",
        "Removes null and empty string elements from a list of strings.",
    ),
    ("concat", "lists...", "Joins lists into one list."),
    (
        "contains",
        "list, value",
        "Whether a list or set contains a value.",
    ),
    (
        "distinct",
        "list",
        "Removes duplicate elements, keeping the first of each.",
    ),
    (
        "element",
        "list, index",
        "Element at an index, wrapping around the list's length.",
    ),
    (
        "flatten",
        "list",
        "Replaces nested lists by their elements, recursively.",
    ),
    (
        "index",
        "list, value",
        "Index of the first element equal to a value.",
    ),
    ("keys", "map", "Keys of a map, sorted."),
    (
        "length",
        "value",
        "Number of elements of a collection or characters of a string.",
    ),
    (
        "lookup",
        "map, key, default",
        "Value of a key in a map, or a default.",
    ),
    (
        "matchkeys",
        "values, keys, searchset",
        "Elements of `values` whose key is in a set.",
    ),
    (
        "merge",
        "maps...",
        "Merges maps or objects; later arguments win.",
    ),
    (
        "one",
        "list",
        "The only element of a list or set, or null when empty.",
    ),
    (
        "range",
        "start, limit, step",
        "A list of numbers from start up to limit.",
    ),
    ("reverse", "list", "A list in reverse order."),
    ("setintersection", "sets...", "Elements in every set."),
    (
        "setproduct",
        "sets...",
        "Every combination of one element from each set.",
    ),
    (
        "setsubtract",
        "a, b",
        "Elements of the first set not in the second.",
    ),
    ("setunion", "sets...", "Elements in any of the sets."),
    (
        "slice",
        "list, start, end",
        "Elements from start (included) to end (excluded).",
    ),
    ("sort", "list", "Strings sorted lexicographically."),
    ("sum", "list", "Sum of a list of numbers."),
    (
        "transpose",
        "map",
        "Swaps keys and values of a map of lists of strings.",
    ),
    ("values", "map", "Values of a map, in key order."),
    (
        "zipmap",
        "keys, values",
        "A map from a list of keys and a list of values.",
    ),
    // Encoding
    (
        "base64decode",
        "string",
        "Decodes a Base64 string (UTF-8 result).",
    ),
    ("base64encode", "string", "Encodes a string in Base64."),
    (
        "base64gzip",
        "string",
        "Gzips a string and encodes the result in Base64.",
    ),
    (
        "csvdecode",
        "string",
        "Decodes CSV text into a list of maps.",
    ),
    (
        "jsondecode",
        "string",
        "Decodes a JSON string into a value.",
    ),
    ("jsonencode", "value", "Encodes a value as JSON."),
    (
        "textdecodebase64",
        "string, encoding",
        "Decodes Base64 text in a character encoding.",
    ),
    (
        "textencodebase64",
        "string, encoding",
        "Encodes a string in a character encoding, then Base64.",
    ),
    ("urlencode", "string", "URL-encodes a string."),
    (
        "yamldecode",
        "string",
        "Decodes a YAML string into a value.",
    ),
    ("yamlencode", "value", "Encodes a value as YAML."),
    // Filesystem
    ("abspath", "path", "Absolute form of a filesystem path."),
    ("basename", "path", "Last part of a filesystem path."),
    (
        "dirname",
        "path",
        "A filesystem path without its last part.",
    ),
    ("file", "path", "Contents of a file as a UTF-8 string."),
    ("filebase64", "path", "Contents of a file, Base64-encoded."),
    ("fileexists", "path", "Whether a file exists."),
    (
        "fileset",
        "path, pattern",
        "File names under a path matching a glob pattern.",
    ),
    (
        "pathexpand",
        "path",
        "Expands a leading ~ to the home directory.",
    ),
    (
        "templatefile",
        "path, vars",
        "Renders a template file with variables.",
    ),
    // Date and time
    (
        "formatdate",
        "spec, timestamp",
        "Formats an RFC 3339 timestamp.",
    ),
    (
        "plantimestamp",
        "",
        "Time of the plan, as an RFC 3339 timestamp.",
    ),
    (
        "timeadd",
        "timestamp, duration",
        "Adds a duration (e.g. \"1h\") to a timestamp.",
    ),
    (
        "timecmp",
        "timestamp_a, timestamp_b",
        "Compares two timestamps: -1, 0 or 1.",
    ),
    (
        "timestamp",
        "",
        "Current time, as an RFC 3339 timestamp (changes every run).",
    ),
    // Hash and crypto
    (
        "base64sha256",
        "string",
        "SHA-256 of a string, Base64-encoded.",
    ),
    (
        "base64sha512",
        "string",
        "SHA-512 of a string, Base64-encoded.",
    ),
    (
        "bcrypt",
        "string, cost",
        "Bcrypt hash of a string (new salt every run).",
    ),
    (
        "filebase64sha256",
        "path",
        "SHA-256 of a file, Base64-encoded.",
    ),
    (
        "filebase64sha512",
        "path",
        "SHA-512 of a file, Base64-encoded.",
    ),
    ("filemd5", "path", "MD5 of a file, hex."),
    ("filesha1", "path", "SHA-1 of a file, hex."),
    ("filesha256", "path", "SHA-256 of a file, hex."),
    ("filesha512", "path", "SHA-512 of a file, hex."),
    ("md5", "string", "MD5 of a string, hex."),
    (
        "rsadecrypt",
        "ciphertext, privatekey",
        "Decrypts an RSA-encrypted, Base64 ciphertext.",
    ),
    ("sha1", "string", "SHA-1 of a string, hex."),
    ("sha256", "string", "SHA-256 of a string, hex."),
    ("sha512", "string", "SHA-512 of a string, hex."),
    ("uuid", "", "A random UUID (changes every run)."),
    ("uuidv5", "namespace, name", "A name-based (SHA-1) UUID."),
    // IP network
    (
        "cidrhost",
        "prefix, hostnum",
        "IP address of a host number within a CIDR prefix.",
    ),
    ("cidrnetmask", "prefix", "Netmask of an IPv4 CIDR prefix."),
    (
        "cidrsubnet",
        "prefix, newbits, netnum",
        "A subnet CIDR within a prefix.",
    ),
    (
        "cidrsubnets",
        "prefix, newbits...",
        "Consecutive subnet CIDRs within a prefix.",
    ),
    // Type conversion
    (
        "can",
        "expression",
        "Whether an expression evaluates without error.",
    ),
    (
        "ephemeralasnull",
        "value",
        "The value with ephemeral parts replaced by null.",
    ),
    (
        "issensitive",
        "value",
        "Whether a value is marked sensitive.",
    ),
    (
        "nonsensitive",
        "value",
        "Removes the sensitive marking of a value.",
    ),
    ("sensitive", "value", "Marks a value as sensitive."),
    ("tobool", "value", "Converts to a bool."),
    ("tolist", "value", "Converts to a list."),
    ("tomap", "value", "Converts to a map."),
    ("tonumber", "value", "Converts to a number."),
    ("toset", "value", "Converts to a set."),
    ("tostring", "value", "Converts to a string."),
    (
        "try",
        "expressions...",
        "First expression that evaluates without error.",
    ),
    (
        "type",
        "value",
        "The type of a value (terraform console only).",
    ),
];

/// Whether TerraOrbis computes the function offline (otherwise its result is unknown in
/// the editor's evaluation).
pub fn is_computed_offline(name: &str) -> bool {
    orbis_hcl::eval::functions::is_computed(name)
}

pub fn lookup(name: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    FUNCTIONS.iter().find(|f| f.0 == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_offline_support_comes_from_the_evaluator() {
        let mut names: Vec<&str> = FUNCTIONS.iter().map(|f| f.0).collect();
        names.sort();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n);
        assert!(n >= 115, "{n}");
        for f in [
            "merge",
            "cidrsubnet",
            "jsonencode",
            "try",
            "can",
            "format",
            "dirname",
        ] {
            assert!(is_computed_offline(f), "{f}");
        }
        for f in [
            "timestamp",
            "file",
            "uuid",
            "sha256",
            "provider::aws::arn_parse",
        ] {
            assert!(!is_computed_offline(f), "{f}");
        }
        let computed = FUNCTIONS
            .iter()
            .filter(|f| is_computed_offline(f.0))
            .count();
        assert!(computed >= 70, "{computed}");
        assert_eq!(lookup("join").map(|f| f.1), Some("separator, list"));
    }
}
