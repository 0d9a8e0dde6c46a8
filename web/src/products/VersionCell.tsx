import { useDndContext, useDraggable, useDroppable } from '@dnd-kit/core';
import { Link } from 'react-router';
import { StatusIcon } from '../ui/StatusIcon';
import { canPromote, cellId, type Cell } from './dashboardModel';

/** One product in one environment: a drop target, and (when there is an application) a draggable version. */
export function VersionCell({ cell, onPromote }: { cell: Cell; onPromote: (source: Cell) => void }) {
  const id = cellId(cell);
  const { active } = useDndContext();
  const source = active?.data.current as Cell | undefined;
  const { setNodeRef: dropRef, isOver } = useDroppable({ id, data: cell, disabled: !cell.application });
  const dropState =
    source && source !== cell ? (canPromote(source, cell) ? (isOver ? 'drop-over' : 'drop-ok') : '') : '';

  return (
    <td ref={dropRef} className={`cell ${dropState}`} data-cell={id}>
      {cell.application ? (
        <Version cell={cell} onPromote={onPromote} />
      ) : (
        <span className="muted small">No application</span>
      )}
    </td>
  );
}

function Version({ cell, onPromote }: { cell: Cell; onPromote: (source: Cell) => void }) {
  const id = cellId(cell);
  const { attributes, listeners, setNodeRef, isDragging, transform } = useDraggable({ id, data: cell });
  const style = transform ? { transform: `translate(${transform.x}px, ${transform.y}px)` } : undefined;
  const version = cell.application?.version;
  return (
    <div className="cell-content">
      <div
        ref={setNodeRef}
        className={`version-chip${isDragging ? ' dragging' : ''}`}
        style={style}
        data-version-of={id}
        {...listeners}
        {...attributes}
        aria-label={`Version ${version ?? 'unknown'} of ${cell.product} in ${cell.environment}; drag onto another environment to promote it`}
        aria-roledescription="draggable version"
      >
        <span className="grip" aria-hidden="true">
          ⋮⋮
        </span>
        {version ?? <span className="muted">no version</span>}
      </div>
      <div className="cell-meta">
        {cell.lastStep ? (
          <Link
            to={`/releases/${encodeURIComponent(cell.lastStep.releaseId)}`}
            className="cell-status"
            title={`Last release: ${cell.lastStep.promotionFlowName}`}
          >
            <StatusIcon status={cell.lastStep.status} withLabel />
          </Link>
        ) : (
          <span className="muted small">No releases yet</span>
        )}
        <button
          type="button"
          className="link-button small"
          onClick={() => onPromote(cell)}
          aria-label={`Promote ${cell.product} from ${cell.environment}…`}
        >
          Promote…
        </button>
      </div>
    </div>
  );
}
