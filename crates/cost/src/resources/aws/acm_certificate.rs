//! aws_acm_certificate: public certificates are free; private ones (issued by a private CA)
//! cost per certificate issued.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    if cx
        .r
        .get("certificate_authority_arn")
        .map(|v| v.is_null())
        .unwrap_or(true)
    {
        return Outcome::Free;
    }
    Outcome::Priced(vec![cx.component(
        "Certificate",
        "requests",
        Some(1.0),
        key("acm", "private_certificate", ""),
        false,
    )])
}
