import { useEffect, useState } from 'react';
import { parseIsoDuration, toIsoDuration } from '../ui/format';

type Unit = 'seconds' | 'minutes' | 'hours';
const SIZE: Record<Unit, number> = { seconds: 1, minutes: 60, hours: 3600 };

function split(iso: string): { amount: string; unit: Unit } {
  const seconds = parseIsoDuration(iso);
  if (seconds == null || seconds === 0) return { amount: '', unit: 'hours' };
  if (seconds % 3600 === 0) return { amount: String(seconds / 3600), unit: 'hours' };
  if (seconds % 60 === 0) return { amount: String(seconds / 60), unit: 'minutes' };
  return { amount: String(seconds), unit: 'seconds' };
}

/** The flow timeout as a number and a unit; empty means the default of 24 hours. */
export function TimeoutInput({ id, value, onChange }: { id: string; value: string; onChange: (iso: string) => void }) {
  const [parts, setParts] = useState(() => split(value));

  useEffect(() => {
    const seconds = parseIsoDuration(value) ?? 0;
    const shown = Number(parts.amount) * SIZE[parts.unit];
    if (seconds !== shown && !(value === '' && parts.amount === '')) setParts(split(value));
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
        placeholder="24"
        value={parts.amount}
        onChange={(e) => update(e.target.value, parts.unit)}
        aria-describedby={`${id}-help`}
      />
      <select
        aria-label="Timeout unit"
        value={parts.unit}
        onChange={(e) => update(parts.amount, e.target.value as Unit)}
      >
        <option value="seconds">seconds</option>
        <option value="minutes">minutes</option>
        <option value="hours">hours</option>
      </select>
    </div>
  );
}
