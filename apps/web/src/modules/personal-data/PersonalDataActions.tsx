import { Modal } from '@mantine/core';
import { IconFileExport, IconEraser } from '@tabler/icons-react';
import { useState } from 'react';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { RowAction } from '../../ui/RowActions';
import { EraseModal } from './EraseModal';
import { PersonalDataExportPanel } from './PersonalDataExportPanel';

interface Member {
  userId: string;
  fullName: string;
  /** Null when the viewer does not read members' addresses; erasure (which asks for it typed) is then not offered. */
  email: string | null;
  /** A removed member (Recently deleted): the export is read as the admin, so it holds less. */
  removed?: boolean;
}

/** A member (or removed member) row's GDPR actions, for those who manage personal data (admins): export it, erase it. */
export function PersonalDataActions({ member }: { member: Member }) {
  const viewer = useViewer();
  const [exporting, setExporting] = useState(false);
  const [erasing, setErasing] = useState(false);
  if (!allowed(viewer, 'personalData.manage')) return null;
  const self = member.userId === viewer.user?.id;
  return (
    <>
      <RowAction
        label="Export personal data"
        ariaLabel={`Export the personal data of ${member.fullName}`}
        icon={<IconFileExport size={16} />}
        onClick={() => setExporting(true)}
      />
      {self || !member.email ? null : (
        <RowAction
          label="Erase personal data"
          ariaLabel={`Erase the personal data of ${member.fullName}`}
          icon={<IconEraser size={16} />}
          danger
          onClick={() => setErasing(true)}
        />
      )}
      <Modal
        opened={exporting}
        onClose={() => setExporting(false)}
        title={`Export the personal data of ${member.fullName}`}
        centered
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <PersonalDataExportPanel userId={member.userId} whose={member.fullName} removed={member.removed ?? false} />
      </Modal>
      <EraseModal
        person={erasing && member.email ? { userId: member.userId, fullName: member.fullName, email: member.email } : null}
        tenantName={viewer.tenant?.name ?? 'this tenant'}
        onClose={() => setErasing(false)}
      />
    </>
  );
}
