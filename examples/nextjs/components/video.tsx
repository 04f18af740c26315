'use client';
import { ConsentGate } from 'nexus-consent/react';

/**
 * A YouTube video, loaded only once the visitor allows YouTube (or the whole "personalisation"
 * category); until then, a placeholder that allows that one service. A client component: the
 * fallback's button needs the function ConsentGate gives it.
 */
export function Video({ id, title }: { id: string; title: string }) {
  return (
    <ConsentGate
      service="youtube-nocookie"
      fallback={({ allow }) => (
        <div className="video-placeholder">
          <p>Cette vidéo est hébergée par YouTube, qui dépose des traceurs une fois lancée.</p>
          <button type="button" onClick={allow}>
            Autoriser YouTube et afficher la vidéo
          </button>
        </div>
      )}
    >
      <iframe
        className="video"
        src={`https://www.youtube-nocookie.com/embed/${encodeURIComponent(id)}`}
        title={title}
        allow="encrypted-media; picture-in-picture"
        allowFullScreen
      />
    </ConsentGate>
  );
}
