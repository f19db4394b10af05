// Saving refused because the file changed on disk since it was read: the user decides.
import { Dialog } from "./Dialog";

interface Props {
  path: string;
  onOverwrite: () => void;
  onReload: () => void;
  onCancel: () => void;
}

export function ConflictDialog({ path, onOverwrite, onReload, onCancel }: Props) {
  return (
    <Dialog
      title="The file changed on disk"
      testId="conflict-dialog"
      onCancel={onCancel}
      buttons={[
        { label: "Overwrite", testId: "conflict-overwrite", primary: true, onClick: onOverwrite },
        { label: "Reload from disk", testId: "conflict-reload", onClick: onReload },
        { label: "Cancel", testId: "conflict-cancel", onClick: onCancel },
      ]}
    >
      <p>
        <code>{path}</code> changed on disk since it was opened. Overwrite it with your version, or reload it from disk
        (your edits are lost)?
      </p>
    </Dialog>
  );
}
