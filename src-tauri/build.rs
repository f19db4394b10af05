// Declares the app's own commands to Tauri's permission system, so a window can call only the
// commands its capability in tauri.conf.json lists (nothing is allowed by default).
fn main() {
    let commands = &[
        "app_info",
        "startup_workspace",
        "pick_workspace_folder",
        "open_recent_workspace",
        "recent_workspaces",
        "list_dir",
        "read_file",
        "get_settings",
        "save_settings",
        "startup_problems",
        "ui_ready",
        "open_plan",
        "pick_plan_file",
        "check_plan_policies",
        "current_plan",
        "plan_change",
        "open_state",
        "state_instance",
        "search_state",
        "export_plan_report",
        "open_document",
        "edit_document",
        "set_document_text",
        "save_document",
        "reload_document",
        "close_document",
        "workspace_problems",
        "search_workspace",
        "definition",
        "references",
        "rename_preview",
        "apply_rename",
        "completions",
        "hover",
        "outline",
        "format_document",
        "run_environments",
        "start_run",
        "cancel_run",
        "list_runs",
        "run_log",
        "open_run_plan",
        "approve_run_plan",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script failed");
}
