//! aws_opensearch_domain / aws_elasticsearch_domain: data nodes, dedicated masters,
//! UltraWarm nodes and EBS storage per node.

use crate::catalog::attrs;
use crate::resources::{key, Ctx, Outcome};

pub fn cost(cx: &Ctx) -> Outcome {
    let r = cx.r;
    let cluster = r.blocks("cluster_config");
    let c = cluster.first();
    let get_s = |k: &str| c.and_then(|c| c.get(k)).and_then(|v| v.as_str());
    let get_n = |k: &str| c.and_then(|c| c.get(k)).and_then(crate::input::number);
    let get_b = |k: &str| {
        c.and_then(|c| c.get(k))
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    };
    let itype = get_s("instance_type").unwrap_or("m4.large.search");
    let itype = itype.replace(".elasticsearch", ".search");
    let count = get_n("instance_count").unwrap_or(1.0);
    let node = |t: &str| attrs(&[("instance_type", t)]);
    let a = node(&itype);
    let mut comps = vec![cx.hourly(
        format!("Instance ({itype})"),
        key("opensearch", "instance", &a),
        count,
    )];
    let ebs = r.blocks("ebs_options");
    if let Some(e) = ebs.first() {
        if e.get("ebs_enabled")
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
        {
            let vt = e
                .get("volume_type")
                .and_then(|v| v.as_str())
                .unwrap_or("gp2");
            let size = e
                .get("volume_size")
                .and_then(crate::input::number)
                .unwrap_or(10.0);
            let va = attrs(&[("volume_type", vt)]);
            comps.push(cx.component(
                format!("Storage ({vt})"),
                "GB",
                Some(size * count),
                key("opensearch", "storage", &va),
                false,
            ));
            if vt == "io1" {
                let iops = e.get("iops").and_then(crate::input::number).unwrap_or(0.0);
                comps.push(cx.component(
                    "Storage IOPS (io1)",
                    "IOPS",
                    Some(iops * count),
                    key("opensearch", "iops", &va),
                    false,
                ));
            }
        }
    }
    if get_b("dedicated_master_enabled") {
        let mt = get_s("dedicated_master_type")
            .unwrap_or("m4.large.search")
            .replace(".elasticsearch", ".search");
        let n = get_n("dedicated_master_count").unwrap_or(3.0);
        let ma = node(&mt);
        comps.push(cx.hourly(
            format!("Dedicated master ({mt})"),
            key("opensearch", "instance", &ma),
            n,
        ));
    }
    if get_b("warm_enabled") {
        let wt = get_s("warm_type")
            .unwrap_or("ultrawarm1.medium.search")
            .replace(".elasticsearch", ".search");
        let n = get_n("warm_count").unwrap_or(2.0);
        let wa = node(&wt);
        comps.push(cx.hourly(
            format!("UltraWarm instance ({wt})"),
            key("opensearch", "instance", &wa),
            n,
        ));
    }
    Outcome::Priced(comps)
}
