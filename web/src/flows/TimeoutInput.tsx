import { useEffect, useState } from 'react';
import { parseIsoDuration, toIsoDuration } from '../ui/format';

type Unit = 'seconds' | 'minutes' | 'hours';
const SIZE: Record<Unit, number> = { seconds: 1, minutes: 60, hours: 3600 };

function split(iso: string, emptyUnit: Unit): { amount: string; unit: Unit } {
  const seconds = parseIsoDuration(iso);
  if (seconds == null || seconds === 0) return { amount: '', unit: emptyUnit };
  if (seconds % 3600 === 0) return { amount: String(seconds / 3600), unit: 'hours' };
  if (seconds % 60 === 0) return { amount: String(seconds / 60), unit: 'minutes' };
  return { amount: String(seconds), unit: 'seconds' };
}

interface Props {
  id: string;
  /** An ISO-8601 duration; empty: the default, whatever it is where the input is used. */
  value: string;
  onChange: (iso: string) => void;
  /** The unit select's label; each input on a page needs its own. */
  unitLabel?: string;
  /** Shown while empty: the default's amount in emptyUnit. */
  placeholder?: string;
  emptyUnit?: Unit;
  /** The id of the text that explains the field, or of its error. */
  describedBy?: string;
  invalid?: boolean;
}

/** A duration as a number and a unit (the flow timeout, a gate's timeout, interval or soak); empty means the default. */
export function TimeoutInput({
  id,
  value,
  onChange,
  unitLabel = 'Timeout unit',
  placeholder = '24',
  emptyUnit = 'hours',
  describedBy = `${id}-help`,
  invalid,
}: Props) {
  const [parts, setParts] = useState(() => split(value, emptyUnit));

  useEffect(() => {
    const seconds = parseIsoDuration(value) ?? 0;
    const shown = Number(parts.amount) * SIZE[parts.unit];
    if (seconds !== shown && !(value === '' && parts.amount === '')) setParts(split(value, emptyUnit));
    // Only an outside change (YAML mode) should reset what the person is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  function update(amount: string, unit: Unit) {
    setParts({ amount, unit });
    const n = Number(amount);
    if (amount === '' || !Number.isFinite(n) || n <= 0) onChange('');
    else onChange(toIsoDuration(n * SIZE[unit]));
  }

  return (
    <div className="timeout-input">
      <input
        id={id}
        type="number"
        min={1}
        inputMode="numeric"
        placeholder={placeholder}
        value={parts.amount}
        onChange={(e) => update(e.target.value, parts.unit)}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
      />
      <select aria-label={unitLabel} value={parts.unit} onChange={(e) => update(parts.amount, e.target.value as Unit)}>
        <option value="seconds">seconds</option>
        <option value="minutes">minutes</option>
        <option value="hours">hours</option>
      </select>
    </div>
  );
}
