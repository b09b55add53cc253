import { useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmModal } from './ConfirmModal';

/**
 * Guards a long form: leaving it with changes not saved (a link, Back, closing the tab) asks first.
 * Call markDirty when a value changes and markSaved before navigating away after a save.
 */
export function useUnsavedChanges() {
  const dirty = useRef(false);
  const [isDirty, setDirty] = useState(false);
  const markDirty = useCallback(() => {
    dirty.current = true;
    setDirty(true);
  }, []);
  const markSaved = useCallback(() => {
    dirty.current = false;
    setDirty(false);
  }, []);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  const prompt = (
    <ConfirmModal
      opened={blocker.state === 'blocked'}
      title="Leave without saving?"
      confirmLabel="Leave and discard"
      danger
      busy={false}
      onConfirm={() => blocker.proceed?.()}
      onClose={() => blocker.reset?.()}
    >
      Your changes on this page are not saved. If you leave now, they are lost.
    </ConfirmModal>
  );
  return { markDirty, markSaved, prompt };
}
