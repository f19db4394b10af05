// Closing a tab with unsaved edits: save them, drop them, or keep the tab.
import { Dialog } from "./Dialog";

interface Props {
  path: string;
  onSave: () => void;
  onDiscard: () => void;
  onCancel: () => void;
}

export function SaveChangesDialog({ path, onSave, onDiscard, onCancel }: Props) {
  return (
    <Dialog
      title="Save changes?"
      testId="save-changes-dialog"
      onCancel={onCancel}
      buttons={[
        { label: "Save", testId: "close-save", primary: true, onClick: onSave },
        { label: "Don't Save", testId: "close-discard", onClick: onDiscard },
        { label: "Cancel", testId: "close-cancel", onClick: onCancel },
      ]}
    >
      <p>
        Do you want to save the changes you made to <code>{path}</code>? They are lost if you don't save them.
      </p>
    </Dialog>
  );
}
