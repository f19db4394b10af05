//! IAM-style policy documents, wherever they are written: a JSON string (heredoc, file
//! contents), `jsonencode({...})` (evaluated to an object), or the `statement` blocks of a
//! `data "aws_iam_policy_document"`. Flattened to [`Statement`]s so policy rules stay short.

use crate::model::{Attribute, Block, Resource, Span, Value};

#[derive(Debug, Default)]
pub struct Statement {
    pub allow: bool,
    pub actions: Vec<String>,
    /// The statement uses `NotAction` (everything but the listed actions).
    pub not_action: bool,
    pub resources: Vec<String>,
    /// Principals as written: `*`, ARNs, service names (all principal types together).
    pub principals: Vec<String>,
    /// The statement has a `Condition` that can restrict who is granted: at least one test that
    /// is not a wildcard match (see [`condition_restricts`]).
    pub has_condition: bool,
    pub span: Span,
}

impl Statement {
    pub fn any_action(&self) -> bool {
        !self.not_action && self.actions.iter().any(|a| a == "*" || a == "*:*")
    }
    pub fn any_resource(&self) -> bool {
        self.resources.iter().any(|r| r == "*")
    }
    pub fn any_principal(&self) -> bool {
        self.principals.iter().any(|p| p == "*")
    }
    /// An action of `service` matching everything, e.g. `sqs:*` or `*`.
    pub fn all_actions_of(&self, service: &str) -> bool {
        !self.not_action
            && self
                .actions
                .iter()
                .any(|a| a == "*" || a.eq_ignore_ascii_case(&format!("{service}:*")))
    }
}

fn json_strings(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(String::from))
            .collect(),
        _ => vec![],
    }
}

fn principals_json(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Object(m)) => {
            m.values().flat_map(|x| json_strings(Some(x))).collect()
        }
        Some(serde_json::Value::Array(_)) => json_strings(v),
        _ => vec![],
    }
}

fn to_json(v: &Value) -> Option<serde_json::Value> {
    Some(match v {
        Value::Str(s) => serde_json::Value::String(s.clone()),
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::json!(n),
        Value::Null => serde_json::Value::Null,
        Value::List(l) => serde_json::Value::Array(l.iter().map(to_json).collect::<Option<_>>()?),
        Value::Map(m) => serde_json::Value::Object(
            m.iter()
                .map(|(k, v)| Some((k.clone(), to_json(v)?)))
                .collect::<Option<_>>()?,
        ),
        // Parts not known statically (ARNs of other resources...) become a placeholder that
        // matches no wildcard, so they can never cause a finding.
        Value::Unknown => serde_json::Value::String(UNKNOWN.into()),
    })
}

const UNKNOWN: &str = "(unknown)";

/// Parse a policy document, tolerating trailing commas (`{...},\n]`): the service rejects such
/// a document, but the author's next attempt will be the same policy without the comma, so its
/// statements are judged rather than hidden by a typo.
fn parse_policy(text: &str) -> Option<serde_json::Value> {
    if let Ok(v) = serde_json::from_str(text) {
        return Some(v);
    }
    let mut out = String::with_capacity(text.len());
    let (mut in_str, mut escaped) = (false, false);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_str {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_str = true;
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some(']') | Some('}')) {
                continue;
            }
        }
        out.push(c);
    }
    serde_json::from_str(&out).ok()
}

/// A condition value that matches any caller: `*`, an open CIDR, or an ARN pattern whose
/// account is `*` (`arn:aws:iam::*:root`, `arn:aws:iam::*` — anyone can create a principal of
/// that name in an own account) or that wildcards every part after the service
/// (`arn:aws:s3:::*`).
fn wildcard_value(v: &str) -> bool {
    let v = v.trim();
    if v == "*" || v == "0.0.0.0/0" || v == "::/0" {
        return true;
    }
    let parts: Vec<&str> = v.split(':').collect();
    if parts.len() < 5 || !parts[0].eq_ignore_ascii_case("arn") {
        return false;
    }
    parts[4] == "*" || parts[3..].iter().all(|p| p.is_empty() || *p == "*")
}

/// Does one condition test (operator, key, values) restrict the statement? A test does not when
/// its key only concerns the transport (`aws:SecureTransport`: anyone can use HTTPS), or when it
/// is a positive match (`StringLike`, `ArnEquals`...) all of whose values match anyone.
/// Negated operators (`StringNotLike`...), `Null` tests and unknown values count as restricting.
pub fn condition_restricts(op: &str, key: &str, values: &[&str]) -> bool {
    if key.eq_ignore_ascii_case("aws:SecureTransport") {
        return false;
    }
    let op = op.to_ascii_lowercase();
    if op.contains("not") || op.starts_with("null") || values.is_empty() {
        return true;
    }
    !values.iter().all(|v| wildcard_value(v))
}

fn json_condition_restricts(c: Option<&serde_json::Value>) -> bool {
    let Some(ops) = c.and_then(|c| c.as_object()) else {
        return false;
    };
    ops.iter().any(|(op, tests)| match tests.as_object() {
        Some(tests) => tests.iter().any(|(key, v)| {
            let vals = json_strings(Some(v));
            // Non-string values (booleans, numbers) are real tests.
            if vals.is_empty() {
                return true;
            }
            condition_restricts(
                op,
                key,
                &vals.iter().map(String::as_str).collect::<Vec<_>>(),
            )
        }),
        None => true,
    })
}

/// The JSON text of a heredoc or quoted template whose value is unknown because of
/// interpolations (`"Resource": "${aws_sqs_queue.q.arn}"`): interpolations are replaced by a
/// placeholder string so the document's static structure can still be read.
fn json_from_source(src: &str) -> Option<serde_json::Value> {
    let body = if let Some(rest) = src.strip_prefix("<<") {
        let rest = rest.trim_start_matches('-');
        let nl = rest.find('\n')?;
        let marker = rest[..nl].trim();
        let body = &rest[nl + 1..];
        let end = body.rfind(marker)?;
        &body[..end]
    } else {
        return None;
    };
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let close = after.find('}')?;
        out.push_str(UNKNOWN);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    parse_policy(&out)
}

/// Statements of a policy attribute (JSON text or object). `None` when unknown/unparseable.
/// `text` is the file's source, used when interpolations make the value unknown.
pub fn statements_of_attr(a: &Attribute, text: &str) -> Option<Vec<Statement>> {
    let doc: serde_json::Value = match &a.value {
        Value::Str(s) => parse_policy(s)?,
        Value::Map(_) => to_json(&a.value)?,
        Value::Unknown => {
            json_from_source(text.get(a.value_span.start_byte..a.value_span.end_byte)?)?
        }
        _ => return None,
    };
    let stmts = match doc.get("Statement")? {
        serde_json::Value::Array(a) => a.clone(),
        o @ serde_json::Value::Object(_) => vec![o.clone()],
        _ => return None,
    };
    Some(
        stmts
            .iter()
            .map(|s| Statement {
                allow: s
                    .get("Effect")
                    .and_then(|e| e.as_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("allow")),
                actions: json_strings(s.get("Action").or_else(|| s.get("NotAction"))),
                not_action: s.get("NotAction").is_some() && s.get("Action").is_none(),
                resources: json_strings(s.get("Resource")),
                principals: principals_json(s.get("Principal")),
                has_condition: json_condition_restricts(s.get("Condition")),
                span: a.span,
            })
            .collect(),
    )
}

/// Statements of the `statement` blocks of an `aws_iam_policy_document` data source.
pub fn statements_of_blocks(body: &Block) -> Vec<Statement> {
    body.blocks("statement")
        .map(|b| {
            let strings = |k: &str| {
                b.value(k)
                    .map(|v| v.strings().iter().map(|s| s.to_string()).collect())
                    .unwrap_or_default()
            };
            let mut principals = Vec::new();
            for p in b.blocks("principals") {
                if let Some(v) = p.value("identifiers") {
                    principals.extend(v.strings().iter().map(|s| s.to_string()));
                }
            }
            let actions: Vec<String> = strings("actions");
            Statement {
                allow: b
                    .value("effect")
                    .and_then(Value::as_str)
                    .is_none_or(|e| e.eq_ignore_ascii_case("allow")),
                not_action: actions.is_empty() && b.attr("not_actions").is_some(),
                actions: if actions.is_empty() {
                    strings("not_actions")
                } else {
                    actions
                },
                resources: strings("resources"),
                principals,
                has_condition: b.blocks("condition").any(|c| {
                    let op = c.value("test").and_then(Value::as_str);
                    let key = c.value("variable").and_then(Value::as_str);
                    match (op, key, c.value("values")) {
                        (Some(op), Some(key), Some(v)) if !v.contains_unknown() => {
                            condition_restricts(op, key, &v.strings())
                        }
                        _ => true,
                    }
                }),
                span: b.span,
            }
        })
        .collect()
}

/// Policy statements of a resource: its `policy` (or `assume_role_policy` when asked) attribute,
/// or statement blocks for policy document data sources.
pub fn statements(r: &Resource, attr: &str, cx: &crate::rule::Ctx) -> Option<Vec<Statement>> {
    if r.rtype == "aws_iam_policy_document" {
        return Some(statements_of_blocks(&r.body));
    }
    let a = r.attr(attr)?;
    if let Some(s) = statements_of_attr(a, &cx.ws.files[r.file].text) {
        return Some(s);
    }
    // `policy = data.aws_iam_policy_document.x.json`: read the document's statement blocks,
    // reported at the referencing attribute.
    let doc = a
        .refs
        .iter()
        .find_map(|rf| rf.strip_prefix("data.aws_iam_policy_document."))?;
    let name = doc.split(['.', '[']).next()?;
    let data = cx
        .resources_of("data.aws_iam_policy_document")
        .find(|d| d.name == name)?;
    let mut stmts = statements_of_blocks(&data.body);
    for st in &mut stmts {
        st.span = a.span;
    }
    Some(stmts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_conditions_do_not_restrict() {
        assert!(!condition_restricts(
            "ArnEquals",
            "aws:PrincipalArn",
            &["arn:aws:iam::*"]
        ));
        assert!(!condition_restricts(
            "ArnLike",
            "aws:PrincipalArn",
            &["arn:aws:iam::*:role/x"]
        ));
        assert!(!condition_restricts(
            "StringLike",
            "aws:PrincipalOrgID",
            &["*"]
        ));
        assert!(!condition_restricts(
            "Bool",
            "aws:SecureTransport",
            &["true"]
        ));
        assert!(!condition_restricts(
            "IpAddress",
            "aws:SourceIp",
            &["0.0.0.0/0"]
        ));
        assert!(condition_restricts(
            "IpAddress",
            "aws:SourceIp",
            &["8.8.8.8/32"]
        ));
        assert!(condition_restricts(
            "ArnEquals",
            "aws:SourceArn",
            &["arn:aws:s3:::bucket"]
        ));
        assert!(condition_restricts(
            "StringEquals",
            "aws:SourceAccount",
            &["111122223333"]
        ));
        assert!(condition_restricts(
            "ArnNotLike",
            "aws:PrincipalArn",
            &["arn:aws:iam::*"]
        ));
        assert!(condition_restricts(
            "ArnLike",
            "aws:PrincipalArn",
            &["arn:aws:iam::111122223333:*"]
        ));
    }

    #[test]
    fn trailing_commas_are_tolerated() {
        let doc =
            parse_policy("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"a,]\",},\n ]}")
                .unwrap();
        assert_eq!(doc["Statement"][0]["Action"], "a,]");
        assert!(parse_policy("{\"Statement\": [").is_none());
    }

    #[test]
    fn heredoc_with_interpolations_is_read() {
        let src = "<<POLICY\n{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"${aws_sqs_queue.q.arn}\"}]}\nPOLICY";
        let doc = json_from_source(src).unwrap();
        assert_eq!(doc["Statement"][0]["Resource"], UNKNOWN);
        assert!(json_from_source("\"plain\"").is_none());
    }
}
