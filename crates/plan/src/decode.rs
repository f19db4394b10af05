//! Bytes → UTF-8 JSON text. Plans come from Windows shells as UTF-16 or with a BOM, and
//! from CI wrappers (setup-terraform) with log lines around the JSON; all of these are
//! recovered here so the parser only ever sees the JSON document itself.

use crate::error::LoadError;
use std::borrow::Cow;

/// Returns the JSON text to parse, borrowing the input whenever no conversion is needed.
pub fn json_text(bytes: &[u8]) -> Result<Cow<'_, [u8]>, LoadError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(LoadError::new(
            "plan.binary_planfile",
            "this is a binary plan file (zip), not JSON",
            "convert it first: `terraform show -json PLANFILE > plan.json`",
        ));
    }
    let text: Cow<'_, [u8]> = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Cow::Borrowed(rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Cow::Owned(utf16_to_utf8(rest, u16::from_le_bytes))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Cow::Owned(utf16_to_utf8(rest, u16::from_be_bytes))
    } else if bytes.len() >= 2 && bytes[0] == b'{' && bytes[1] == 0 {
        // UTF-16LE without a BOM: ASCII '{' followed by a NUL byte.
        Cow::Owned(utf16_to_utf8(bytes, u16::from_le_bytes))
    } else {
        Cow::Borrowed(bytes)
    };
    Ok(strip_wrapper_lines(text))
}

/// Unpaired surrogates become U+FFFD; the JSON parser then reports where, if it matters.
fn utf16_to_utf8(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Vec<u8> {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    text.into_bytes()
}

/// CI wrappers print lines such as `[command]…/terraform-bin show -json plan` before the
/// document and `::debug::…` lines after it. When the text does not start with `{`, the
/// document is the first JSON value that starts a line.
fn strip_wrapper_lines(text: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    let first = text.iter().position(|b| !b.is_ascii_whitespace());
    match first {
        Some(i) if text[i] != b'{' => {}
        _ => return text,
    }
    let Some(start) = text
        .windows(2)
        .position(|w| w[0] == b'\n' && w[1] == b'{')
        .map(|p| p + 1)
    else {
        return text;
    };
    let mut values =
        serde_json::Deserializer::from_slice(&text[start..]).into_iter::<serde::de::IgnoredAny>();
    let end = match values.next() {
        Some(Ok(_)) => start + values.byte_offset(),
        // Not a valid document either: let the parser report the error on the original text.
        _ => return text,
    };
    match text {
        Cow::Borrowed(b) => Cow::Borrowed(&b[start..end]),
        Cow::Owned(v) => Cow::Owned(v[start..end].to_vec()),
    }
}
