environment   = "staging"
owner         = "platform-team"
instance_type = "t3.medium"
