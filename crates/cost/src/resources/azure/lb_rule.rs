//! azurerm_lb_rule / azurerm_lb_outbound_rule: Standard load balancers bill each rule per
//! hour; rules of a Basic load balancer (the referenced `azurerm_lb`'s `sku`, Basic by
//! default) are free.

use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let sku = cx.r.str("__refs__.loadbalancer_id.sku").unwrap_or("Basic");
    if sku.eq_ignore_ascii_case("basic") {
        return Outcome::Free;
    }
    Outcome::Priced(vec![cx.hourly(
        "Rule usage",
        key("load_balancer", "rule", ""),
        1.0,
    )])
}
