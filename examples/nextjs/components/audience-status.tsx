'use client';
import { useGranted } from 'nexus-consent/react';

/** Says whether audience measurement runs: "désactivée" on the server and until the visitor allows it. */
export function AudienceStatus() {
  const measured = useGranted('analytics');
  return <p role="status">Mesure d’audience : {measured ? 'activée' : 'désactivée'}</p>;
}
