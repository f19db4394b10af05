# Compute sizes stay at or below data.orbis.config.max_instance_size (AWS size suffix such
# as `4xlarge`, for instance_type/instance_class/node_type/instance_types) and
# data.orbis.config.max_vcpus (GCP machine types and Azure VM sizes).
package orbis.max_instance_size

import rego.v1

changing contains rc if {
	some rc in input.resource_changes
	some action in rc.change.actions
	action in {"create", "update"}
}

named_ranks := {"nano": 1, "micro": 2, "small": 3, "medium": 4, "large": 5, "xlarge": 6, "metal": 1000}

rank(size) := named_ranks[size]

rank(size) := 6 + to_number(trim_suffix(size, "xlarge")) if {
	regex.match(`^[0-9]+xlarge$`, size)
}

aws_types contains [rc.address, t] if {
	some rc in changing
	some key in ["instance_type", "instance_class", "node_type"]
	t := rc.change.after[key]
	is_string(t)
	contains(t, ".")
}

aws_types contains [rc.address, t] if {
	some rc in changing
	some t in rc.change.after.instance_types
	is_string(t)
}

deny contains msg if {
	some [address, t] in aws_types
	# `m5.24xlarge`, `db.r5.8xlarge`, `t2.small.elasticsearch`: the size is the ranked part.
	some size in split(t, ".")
	rank(size) > rank(data.orbis.config.max_instance_size)
	msg := {"msg": sprintf("%s: %s is larger than %s", [address, t, data.orbis.config.max_instance_size]), "address": address}
}

vcpus contains [rc.address, t, n] if {
	some rc in changing
	t := rc.change.after.machine_type
	is_string(t)
	regex.match(`^[a-z0-9]+-(standard|highmem|highcpu|megamem|ultramem)-[0-9]+$`, t)
	parts := split(t, "-")
	n := to_number(parts[2])
}

vcpus contains [rc.address, t, n] if {
	some rc in changing
	some key in ["size", "vm_size"]
	t := rc.change.after[key]
	is_string(t)
	regex.match(`^(Standard|Basic)_[A-Za-z]+[0-9]+`, t)
	n := to_number(regex.find_n(`[0-9]+`, t, 1)[0])
}

deny contains msg if {
	some [address, t, n] in vcpus
	n > data.orbis.config.max_vcpus
	msg := {"msg": sprintf("%s: %s has %d vCPUs, more than %d", [address, t, n, data.orbis.config.max_vcpus]), "address": address}
}
