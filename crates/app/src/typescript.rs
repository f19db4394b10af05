//! Renders the TypeScript declarations of every DTO into one file, `ui/src/generated/types.ts`.
//! `cargo test -p orbis-app` fails when that file is stale; `UPDATE_TS=1 cargo test -p orbis-app`
//! rewrites it.

use crate::catalog::*;
use crate::clusters::dto::*;
use crate::cost_view::*;
use crate::credentials::dto::*;
use crate::drift_view::*;
use crate::dto::*;
use crate::editor::dto::*;
use crate::error::{AppError, ErrorCode};
use crate::new_project::*;
use crate::plan_checks::*;
use crate::plan_review::*;
use crate::remote_state::RemoteBackendInfo;
use crate::runs::dto::*;
use crate::state_explorer::*;
use ts_rs::{Config, TS};

/// The declarations, in a stable order.
pub fn render() -> String {
    let cfg = Config::new();
    let decls = [
        ErrorCode::decl(&cfg),
        AppError::decl(&cfg),
        FileLanguage::decl(&cfg),
        EntryKind::decl(&cfg),
        TreeEntry::decl(&cfg),
        DirListing::decl(&cfg),
        FileContent::decl(&cfg),
        WorkspaceInfo::decl(&cfg),
        RecentWorkspace::decl(&cfg),
        ThemePreference::decl(&cfg),
        Settings::decl(&cfg),
        AppInfo::decl(&cfg),
        ChangeAction::decl(&cfg),
        PlanRiskLevel::decl(&cfg),
        PlanVerdict::decl(&cfg),
        PolicyOutcome::decl(&cfg),
        PlanCounts::decl(&cfg),
        PlanChangeRow::decl(&cfg),
        PlanPolicyResult::decl(&cfg),
        PlanReviewView::decl(&cfg),
        StateView::decl(&cfg),
        StateLock::decl(&cfg),
        RemoteStateSource::decl(&cfg),
        RemoteLockRow::decl(&cfg),
        RemoteBackendInfo::decl(&cfg),
        StateModuleRow::decl(&cfg),
        StateTypeRow::decl(&cfg),
        StateInstanceRow::decl(&cfg),
        StateOutputRow::decl(&cfg),
        StateInstanceDetail::decl(&cfg),
        StateAttributeRow::decl(&cfg),
        DiffValueKind::decl(&cfg),
        DiffValue::decl(&cfg),
        DiffChange::decl(&cfg),
        PlanAttributeDiff::decl(&cfg),
        PlanRiskReason::decl(&cfg),
        LintSeverity::decl(&cfg),
        PlanLintFinding::decl(&cfg),
        CostStatus::decl(&cfg),
        PlanChangeCost::decl(&cfg),
        PlanCostUnsupported::decl(&cfg),
        PlanBudgetResult::decl(&cfg),
        PlanCost::decl(&cfg),
        PlanChangeDetail::decl(&cfg),
        ReportFormat::decl(&cfg),
        TextRange::decl(&cfg),
        TextChange::decl(&cfg),
        DiagnosticSeverity::decl(&cfg),
        QuickFix::decl(&cfg),
        EditorDiagnostic::decl(&cfg),
        OpenDocument::decl(&cfg),
        DocumentDiagnostics::decl(&cfg),
        EditResult::decl(&cfg),
        SaveResult::decl(&cfg),
        DiskChangeKind::decl(&cfg),
        DiskChange::decl(&cfg),
        FileProblems::decl(&cfg),
        WorkspaceProblems::decl(&cfg),
        Location::decl(&cfg),
        FileEdits::decl(&cfg),
        EditPreview::decl(&cfg),
        RenamePreview::decl(&cfg),
        RenameResult::decl(&cfg),
        CompletionKind::decl(&cfg),
        CompletionItem::decl(&cfg),
        CompletionList::decl(&cfg),
        OutlineItem::decl(&cfg),
        SearchQuery::decl(&cfg),
        SearchHit::decl(&cfg),
        SearchResults::decl(&cfg),
        HoverInfo::decl(&cfg),
        RunKind::decl(&cfg),
        StartRunRequest::decl(&cfg),
        RunEnvironment::decl(&cfg),
        RunStatus::decl(&cfg),
        RunChanges::decl(&cfg),
        RunSummary::decl(&cfg),
        RunFilter::decl(&cfg),
        RunLog::decl(&cfg),
        ResourcePhase::decl(&cfg),
        LogLevel::decl(&cfg),
        RunUpdate::decl(&cfg),
        RunEventMessage::decl(&cfg),
        RunStarted::decl(&cfg),
        NewProjectOptions::decl(&cfg),
        NewProjectCloud::decl(&cfg),
        NewProjectComponent::decl(&cfg),
        NewProjectEnvironment::decl(&cfg),
        NamedCidr::decl(&cfg),
        NewProjectWeb::decl(&cfg),
        NewProjectBackend::decl(&cfg),
        NewProjectCloudSettings::decl(&cfg),
        NewProjectRequest::decl(&cfg),
        NewProjectTarget::decl(&cfg),
        NewProjectFile::decl(&cfg),
        NewProjectDecision::decl(&cfg),
        NewProjectPreview::decl(&cfg),
        NewProjectProblem::decl(&cfg),
        NewProjectCost::decl(&cfg),
        NewProjectResult::decl(&cfg),
        CatalogInput::decl(&cfg),
        CatalogOutput::decl(&cfg),
        CatalogModuleInfo::decl(&cfg),
        ModuleCallSnippet::decl(&cfg),
        DriftSource::decl(&cfg),
        DriftScanRequest::decl(&cfg),
        DriftCounts::decl(&cfg),
        DriftChangeRow::decl(&cfg),
        DriftRow::decl(&cfg),
        DriftNotScanned::decl(&cfg),
        DriftView::decl(&cfg),
        crate::inventory_cache::CachedInventoryScan::decl(&cfg),
        DriftCapabilities::decl(&cfg),
        DriftImport::decl(&cfg),
        DriftAccept::decl(&cfg),
        DriftTimeline::decl(&cfg),
        CostView::decl(&cfg),
        CostResourceRow::decl(&cfg),
        CostTag::decl(&cfg),
        CostComponentRow::decl(&cfg),
        CostFreeRow::decl(&cfg),
        CostUnsupportedRow::decl(&cfg),
        CostGrouping::decl(&cfg),
        CostGroup::decl(&cfg),
        CostChartFormat::decl(&cfg),
        CostHistoryPoint::decl(&cfg),
        CostHistory::decl(&cfg),
        ClusterProblem::decl(&cfg),
        ClusterContext::decl(&cfg),
        ClusterContexts::decl(&cfg),
        ClusterConnected::decl(&cfg),
        ClusterKind::decl(&cfg),
        ClusterSeverity::decl(&cfg),
        ClusterKindStatus::decl(&cfg),
        ClusterPodRow::decl(&cfg),
        ClusterWorkloadRow::decl(&cfg),
        ClusterNodeRow::decl(&cfg),
        ClusterEventRow::decl(&cfg),
        ClusterObjectRow::decl(&cfg),
        ClusterRow::decl(&cfg),
        ClusterDelta::decl(&cfg),
        ClusterEventMessage::decl(&cfg),
        ClusterObjectDetail::decl(&cfg),
        PodLogRequest::decl(&cfg),
        PodLogMessage::decl(&cfg),
        CredentialCloud::decl(&cfg),
        CredentialStatus::decl(&cfg),
        CredentialEntry::decl(&cfg),
        CredentialReport::decl(&cfg),
        RunSecrets::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in crates/app (src/typescript.rs). Do not edit:\n\
         // run `UPDATE_TS=1 cargo test -p orbis-app` after changing them.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
