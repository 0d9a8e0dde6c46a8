import { useNavigate } from 'react-router';

/** The footer of a dialog once it has started a release: close it, or open the release. */
export function ReleaseStartedButtons({ releaseId, onClose }: { releaseId: string; onClose: () => void }) {
  const navigate = useNavigate();
  return (
    <>
      <button type="button" onClick={onClose}>
        Close
      </button>
      <button type="button" className="primary" onClick={() => navigate(`/releases/${encodeURIComponent(releaseId)}`)}>
        View Release Details
      </button>
    </>
  );
}
