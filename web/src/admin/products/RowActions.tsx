/** A list row's buttons: move it one place up or down, or remove it. */
export function RowActions(props: {
  what: string;
  earlier: string;
  later: string;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <span class="a-row-actions">
      <button
        type="button"
        class="button secondary a-small"
        disabled={props.first}
        aria-label={`Move ${props.what} ${props.earlier}`}
        onClick={() => props.onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        class="button secondary a-small"
        disabled={props.last}
        aria-label={`Move ${props.what} ${props.later}`}
        onClick={() => props.onMove(1)}
      >
        ↓
      </button>
      <button
        type="button"
        class="button a-danger-outline a-small"
        aria-label={`Remove ${props.what}`}
        onClick={props.onRemove}
      >
        Remove
      </button>
    </span>
  );
}
