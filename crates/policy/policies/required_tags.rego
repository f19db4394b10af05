# Every taggable resource (aws/azurerm `tags`, google `labels`) that is created or updated
# carries the tags listed in data.orbis.config.required_tags (keys compared without case).
# Missing tags are a warning by default (almost every real plan misses one, and a policy that
# fails every review gets disabled); data.orbis.config.required_tags_deny makes them a deny.
package orbis.required_tags

import rego.v1

changing contains rc if {
	some rc in input.resource_changes
	rc.mode == "managed"
	some action in rc.change.actions
	action in {"create", "update"}
}

obj(x) := x if {
	is_object(x)
} else := {}

# A resource is taggable when its schema has the attribute (present, even if null).
taggable(after) if {
	some field in ["tags", "labels"]
	object.get(after, field, "<absent>") != "<absent>"
}

tags_of(after) := object.union(
	object.union(obj(object.get(after, "tags_all", null)), obj(object.get(after, "tags", null))),
	obj(object.get(after, "labels", null)),
)

missing_tags contains msg if {
	some rc in changing
	is_object(rc.change.after)
	taggable(rc.change.after)
	present := {lower(k) | some k, _ in tags_of(rc.change.after)}
	missing := [t | some t in data.orbis.config.required_tags; not lower(t) in present]
	count(missing) > 0
	msg := {"msg": sprintf("%s: missing required tags %s", [rc.address, concat(", ", missing)]), "address": rc.address}
}

warn contains msg if {
	not data.orbis.config.required_tags_deny
	some msg in missing_tags
}

deny contains msg if {
	data.orbis.config.required_tags_deny
	some msg in missing_tags
}
