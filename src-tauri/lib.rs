//! The desktop shell: starts Tauri, wires plugins and the native menu, and exposes the `app`
//! crate's operations as commands. It holds no logic of its own (Architecture Invariant: only
//! this folder depends on tauri; a feature lives in `orbis-app` and is written once).

mod commands;
mod commands_cluster_actions;
mod commands_cluster_views;
mod commands_clusters;
mod commands_cost;
mod commands_credentials;
mod commands_drift;
mod commands_inventory;
mod commands_links;
mod commands_new_project;
mod commands_requests;
mod commands_team;
mod commands_team_sso;
mod menu;
mod running;
mod startup;
mod unsaved;

use tauri::Manager;

/// When the process started running Rust code: the zero of the start-up time measurement.
pub(crate) static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    tauri::Builder::default()
        // Single instance first: a second launch (e.g. `terraorbis ./infra` from a terminal)
        // hands its folder to the running window instead of starting another app.
        .plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            startup::open_from_second_instance(app, argv, cwd);
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .max_file_size(5_000_000)
                .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(5))
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        // Files dropped on the window arrive here, in Rust, with their real paths; the webview
        // never handles them (it may only name files inside the workspace).
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) => {
                startup::open_dropped(window.app_handle(), paths.clone());
            }
            // Runs going or unsaved edits: ask first (off the main thread, the dialogs
            // block), then close.
            tauri::WindowEvent::CloseRequested { api, .. } => {
                let app = window.app_handle().clone();
                let state = app.state::<startup::AppState>();
                if state.session.unsaved_documents().is_empty()
                    && state.session.running_runs().is_empty()
                {
                    return;
                }
                api.prevent_close();
                let window = window.clone();
                std::thread::spawn(move || {
                    let state = app.state::<startup::AppState>();
                    if running::confirm_stopping(&app, &state.session)
                        && unsaved::confirm_leaving(&app, &state.session, "closing TerraOrbis")
                    {
                        let _ = window.destroy();
                    }
                });
            }
            _ => {}
        })
        .setup(|app| {
            let state = startup::AppState::initialize(app.handle())?;
            startup::watch_workspace(app.handle(), &state);
            app.manage(state);
            menu::install(app.handle())?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands_drift::drift_capabilities,
            commands_drift::drift_scan,
            commands_drift::drift_import_block,
            commands_drift::drift_accept_preview,
            commands_drift::drift_timeline,
            commands_inventory::inventory_table,
            commands_inventory::inventory_scan,
            commands::startup_workspace,
            commands::pick_workspace_folder,
            commands::open_recent_workspace,
            commands::recent_workspaces,
            commands::list_dir,
            commands::read_file,
            commands::get_settings,
            commands::save_settings,
            commands::startup_problems,
            commands::ui_ready,
            commands::open_plan,
            commands::pick_plan_file,
            commands::check_plan_policies,
            commands::current_plan,
            commands::plan_change,
            commands::open_state,
            commands::state_instance,
            commands::search_state,
            commands::remote_backend,
            commands::open_remote_state,
            commands::export_plan_report,
            commands::open_document,
            commands::edit_document,
            commands::set_document_text,
            commands::save_document,
            commands::reload_document,
            commands::close_document,
            commands::workspace_problems,
            commands::search_workspace,
            commands::definition,
            commands::references,
            commands::rename_preview,
            commands::apply_rename,
            commands::completions,
            commands::hover,
            commands::outline,
            commands::format_document,
            commands::run_environments,
            commands::start_run,
            commands::cancel_run,
            commands::list_runs,
            commands::run_log,
            commands::open_run_plan,
            commands::approve_run_plan,
            commands_new_project::new_project_options,
            commands_new_project::pick_new_project_folder,
            commands_new_project::preview_new_project,
            commands_new_project::create_new_project,
            commands_new_project::catalog_modules,
            commands_new_project::catalog_module_call,
            commands_new_project::vendor_catalog_module,
            commands_cost::estimate_cost,
            commands_cost::cost_chart,
            commands_cost::cost_history,
            commands_cost::pick_cost_usage_file,
            commands_cost::export_cost_chart,
            commands_clusters::cluster_contexts,
            commands_clusters::discover_cloud_clusters,
            commands_clusters::preview_add_cluster_context,
            commands_clusters::add_cluster_context,
            commands_clusters::probe_cluster_contexts,
            commands_clusters::connect_cluster,
            commands_clusters::disconnect_cluster,
            commands_clusters::cluster_object,
            commands_cluster_actions::preview_cluster_action,
            commands_cluster_actions::run_cluster_action,
            commands_cluster_actions::cluster_audit,
            commands_cluster_actions::preview_cluster_apply,
            commands_cluster_actions::run_cluster_apply,
            commands_cluster_views::cluster_metrics,
            commands_cluster_views::cluster_platform,
            commands_cluster_views::cluster_helm_releases,
            commands_links::live_links_in_file,
            commands_links::live_link_for_plan_change,
            commands_links::live_link_for_state_instance,
            commands_links::open_live_link,
            commands_links::yaml_live_status,
            commands_cluster_views::cluster_gitops,
            commands_clusters::open_pod_log,
            commands_clusters::close_pod_log,
            commands_credentials::credential_report,
            commands_credentials::recheck_credential,
            commands_credentials::check_credential_live,
            commands_credentials::run_secrets,
            commands_credentials::set_run_secret,
            commands_credentials::delete_run_secret,
            commands_team::team_status,
            commands_team::team_connect,
            commands_team::team_disconnect,
            commands_team::team_sync_now,
            commands_team::team_approvals,
            commands_team::team_audit,
            commands_team::team_governance,
            commands_team::team_decide,
            commands_team::team_comments,
            commands_team::team_add_comment,
            commands_team::team_run_record_id,
            commands_team_sso::team_sso_info,
            commands_team_sso::team_sign_in_sso,
            commands_team_sso::team_cancel_sso,
            commands_requests::team_requests,
            commands_requests::team_create_request,
            commands_requests::team_decide_request,
            commands_requests::team_prepare_request,
        ])
        .run(tauri::generate_context!())
        .expect("error while running TerraOrbis");
}
