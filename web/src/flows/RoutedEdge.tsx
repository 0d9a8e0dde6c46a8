import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';
import { pathThrough, type Position } from './flowLayout';

export type RoutedEdgeType = Edge<{ points: Position[] }, 'routed'>;

/** An edge drawn through the layout's waypoints, so an edge that skips a column goes around the nodes in it. */
export function RoutedEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
  markerEnd,
  style,
}: EdgeProps<RoutedEdgeType>) {
  const path = pathThrough([{ x: sourceX, y: sourceY }, ...(data?.points ?? []), { x: targetX, y: targetY }]);
  return <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} />;
}
