# No ingress from the whole internet (0.0.0.0/0, ::/0, Azure `*`/`Internet`) to admin ports
# (data.orbis.config.admin_ports, default SSH 22 and RDP 3389) in AWS security groups and
# rules, Azure NSG rules and Google firewalls.
package orbis.no_open_admin_ports

import rego.v1

changing contains rc if {
	some rc in input.resource_changes
	some action in rc.change.actions
	action in {"create", "update"}
}

open_sources := {"0.0.0.0/0", "::/0", "*", "internet", "any"}

as_list(x) := x if {
	is_array(x)
} else := [x] if {
	is_string(x)
} else := []

open(rule, keys) if {
	some key in keys
	some source in as_list(object.get(rule, key, null))
	lower(source) in open_sources
}

# "22", "20-25" or "*" contains the port.
port_matches(spec, _) if spec == "*"

port_matches(spec, port) if {
	regex.match(`^[0-9]+$`, spec)
	to_number(spec) == port
}

port_matches(spec, port) if {
	regex.match(`^[0-9]+-[0-9]+$`, spec)
	parts := split(spec, "-")
	to_number(parts[0]) <= port
	port <= to_number(parts[1])
}

aws_rules contains [rc.address, rule] if {
	some rc in changing
	rc.type == "aws_security_group"
	some rule in as_list(rc.change.after.ingress)
}

aws_rules contains [rc.address, rc.change.after] if {
	some rc in changing
	rc.type == "aws_security_group_rule"
	rc.change.after.type == "ingress"
}

aws_rules contains [rc.address, rc.change.after] if {
	some rc in changing
	rc.type == "aws_vpc_security_group_ingress_rule"
}

aws_allows(rule, _) if object.get(rule, "protocol", object.get(rule, "ip_protocol", "tcp")) in {"-1", "all"}

aws_allows(rule, port) if {
	rule.from_port <= port
	port <= rule.to_port
}

deny contains msg if {
	some [address, rule] in aws_rules
	open(rule, ["cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"])
	some port in data.orbis.config.admin_ports
	aws_allows(rule, port)
	msg := {"msg": sprintf("%s: port %d is open to the internet", [address, port]), "address": address}
}

azure_rules contains [rc.address, rc.change.after] if {
	some rc in changing
	rc.type == "azurerm_network_security_rule"
}

azure_rules contains [rc.address, rule] if {
	some rc in changing
	rc.type == "azurerm_network_security_group"
	some rule in as_list(rc.change.after.security_rule)
}

deny contains msg if {
	some [address, rule] in azure_rules
	lower(rule.direction) == "inbound"
	lower(rule.access) == "allow"
	open(rule, ["source_address_prefix", "source_address_prefixes"])
	some port in data.orbis.config.admin_ports
	some spec in array.concat(as_list(object.get(rule, "destination_port_range", null)), as_list(object.get(rule, "destination_port_ranges", null)))
	port_matches(spec, port)
	msg := {"msg": sprintf("%s: port %d is open to the internet", [address, port]), "address": address}
}

google_allows(allow, _) if count(as_list(object.get(allow, "ports", null))) == 0

google_allows(allow, port) if {
	some spec in as_list(allow.ports)
	port_matches(spec, port)
}

deny contains msg if {
	some rc in changing
	rc.type == "google_compute_firewall"
	upper(object.get(rc.change.after, "direction", "INGRESS")) != "EGRESS"
	open(rc.change.after, ["source_ranges"])
	some allow in as_list(rc.change.after.allow)
	some port in data.orbis.config.admin_ports
	google_allows(allow, port)
	msg := {"msg": sprintf("%s: port %d is open to the internet", [rc.address, port]), "address": rc.address}
}
