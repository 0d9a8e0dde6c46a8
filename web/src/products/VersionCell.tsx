import { useDndContext, useDraggable, useDroppable } from '@dnd-kit/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { HistoryDialog } from '../line/HistoryDialog';
import { PinControl } from '../line/PinControl';
import { StatusIcon } from '../ui/StatusIcon';
import { canPromote, cellId, type Cell } from './dashboardModel';

interface Props {
  cell: Cell;
  onPromote: (source: Cell) => void;
  /** Something in the cell changed on the server (a pin): read the dashboard again. */
  onChanged: () => void;
}

/**
 * One product in one environment: a drop target, and (when there is an application) a draggable version, its
 * pin and its history.
 */
export function VersionCell({ cell, onPromote, onChanged }: Props) {
  const id = cellId(cell);
  const { active } = useDndContext();
  const source = active?.data.current as Cell | undefined;
  const { setNodeRef: dropRef, isOver } = useDroppable({ id, data: cell, disabled: !cell.application });
  const dropState =
    source && source !== cell ? (canPromote(source, cell) ? (isOver ? 'drop-over' : 'drop-ok') : '') : '';

  return (
    <td ref={dropRef} className={`cell ${dropState}`} data-cell={id}>
      {cell.application ? (
        <Version cell={cell} onPromote={onPromote} onChanged={onChanged} />
      ) : (
        <span className="muted small">No application</span>
      )}
    </td>
  );
}

function Version({ cell, onPromote, onChanged }: Props) {
  const id = cellId(cell);
  const [showingHistory, setShowingHistory] = useState(false);
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
        <button
          type="button"
          className="link-button small"
          onClick={() => setShowingHistory(true)}
          aria-label={`History of ${cell.product} in ${cell.environment}`}
        >
          History
        </button>
      </div>
      {cell.application && (
        <PinControl
          product={cell.product}
          environment={cell.environment}
          application={cell.application}
          onChanged={onChanged}
        />
      )}
      {showingHistory && cell.application && (
        <HistoryDialog
          product={cell.product}
          environment={cell.environment}
          application={cell.application.name}
          onClose={() => setShowingHistory(false)}
        />
      )}
    </div>
  );
}
