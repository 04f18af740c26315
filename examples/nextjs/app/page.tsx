import { AudienceStatus } from '../components/audience-status';
import { Video } from '../components/video';

// A server component: it imports nothing of nexus-consent; its two client islands do.
export default function Home() {
  return (
    <main>
      <h1>Bienvenue sur le blog de Nexus Tech</h1>
      <p>
        Cette page est rendue sur le serveur. Le blocage des traceurs, la bannière et les préférences
        viennent du script placé en tête du layout ; les composants de <code>nexus-consent/react</code> ne
        font que suivre votre choix.
      </p>
      <h2>Notre conférence en vidéo</h2>
      <Video id="aqz-KE-bpKQ" title="Nexus Tech : la conférence" />
      <AudienceStatus />
    </main>
  );
}
