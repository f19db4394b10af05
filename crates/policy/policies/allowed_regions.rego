# Resources live in the regions of data.orbis.config.allowed_regions: the AWS provider's
# region (from the plan's configuration), Azure `location`, Google `region`/`zone`.
# Names are compared lower-case without spaces ("West Europe" = "westeurope").
package orbis.allowed_regions

import rego.v1

changing contains rc if {
	some rc in input.resource_changes
	some action in rc.change.actions
	action in {"create", "update"}
}

norm(r) := lower(replace(r, " ", ""))

allowed := {norm(r) | some r in data.orbis.config.allowed_regions}

regions contains [rc.address, r] if {
	some rc in changing
	startswith(rc.type, "azurerm_")
	r := rc.change.after.location
	is_string(r)
}

regions contains [rc.address, r] if {
	some rc in changing
	startswith(rc.type, "google_")
	r := rc.change.after.region
	is_string(r)
}

regions contains [rc.address, r] if {
	some rc in changing
	startswith(rc.type, "google_")
	zone := rc.change.after.zone
	is_string(zone)
	parts := split(zone, "-")
	count(parts) == 3
	r := concat("-", [parts[0], parts[1]])
}

regions contains [sprintf("provider %s", [key]), r] if {
	some key, p in input.configuration.provider_config
	p.name == "aws"
	r := p.expressions.region.constant_value
	is_string(r)
}

deny contains msg if {
	some [address, r] in regions
	not norm(r) in allowed
	msg := {"msg": sprintf("%s: region %q is not allowed", [address, r]), "address": address}
}
