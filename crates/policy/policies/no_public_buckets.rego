# Buckets and blob containers must not be readable by everyone: public ACLs, disabled
# public access blocks, allUsers bindings, public Azure containers/accounts.
package orbis.no_public_buckets

import rego.v1

changing contains rc if {
	some rc in input.resource_changes
	some action in rc.change.actions
	action in {"create", "update"}
}

public_acls := {"public-read", "public-read-write", "authenticated-read", "website"}

public_members := {"allUsers", "allAuthenticatedUsers"}

deny contains msg if {
	some rc in changing
	rc.type in {"aws_s3_bucket", "aws_s3_bucket_acl"}
	rc.change.after.acl in public_acls
	msg := {"msg": sprintf("%s: ACL %q makes the bucket public", [rc.address, rc.change.after.acl]), "address": rc.address}
}

deny contains msg if {
	some rc in changing
	rc.type == "aws_s3_bucket_public_access_block"
	some key in ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]
	rc.change.after[key] == false
	msg := {"msg": sprintf("%s: %s is false, the bucket may become public", [rc.address, key]), "address": rc.address}
}

deny contains msg if {
	some rc in changing
	startswith(rc.type, "google_storage_bucket_iam_")
	some member in members(rc.change.after)
	member in public_members
	msg := {"msg": sprintf("%s: grants bucket access to %s", [rc.address, member]), "address": rc.address}
}

deny contains msg if {
	some rc in changing
	rc.type == "azurerm_storage_account"
	some key in ["allow_nested_items_to_be_public", "allow_blob_public_access"]
	rc.change.after[key] == true
	msg := {"msg": sprintf("%s: %s = true allows public blobs", [rc.address, key]), "address": rc.address}
}

deny contains msg if {
	some rc in changing
	rc.type == "azurerm_storage_container"
	rc.change.after.container_access_type in {"blob", "container"}
	msg := {"msg": sprintf("%s: container access type %q is public", [rc.address, rc.change.after.container_access_type]), "address": rc.address}
}

members(after) := [after.member] if {
	is_string(after.member)
} else := after.members if {
	is_array(after.members)
} else := []
