//! aws_globalaccelerator_accelerator: fixed hourly fee (data transfer premium is priced on
//! endpoint groups from usage).

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    Outcome::Priced(vec![cx.hourly(
        "Fixed fee",
        key("globalaccelerator", "fixed_fee", ""),
        1.0,
    )])
}
