import { ChangeEvent, useMemo, useState } from 'react';

type Rgb = { r: number; g: number; b: number };

const PRESETS: string[] = ['#000000', '#ffffff', '#ff5722', '#3f51b5', '#8bc34a'];
const MAX_CHANNEL = 255;

function clamp(v: number, lo = 0, hi = MAX_CHANNEL): number {
  return Math.min(hi, Math.max(lo, Math.round(v)));
}

export function hexToRgb(hex: string): Rgb {
  const n = parseInt(hex.replace('#', ''), 16);
  return { r: (n >> 16) & 0xff, g: (n >> 8) & 0xff, b: n & 255 };
}

export function rgbToHex({ r, g, b }: Rgb): string {
  return '#' + [r, g, b].map((c) => clamp(c).toString(16).padStart(2, '0')).join('');
}

function luminance({ r, g, b }: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export default function ColorPicker({ value, onChange }: { value: string; onChange: (hex: string) => void }) {
  const [rgb, setRgb] = useState<Rgb>(() => hexToRgb(value));
  const hex = rgbToHex(rgb);
  const textColor = useMemo(() => (luminance(rgb) > 0.179 ? '#000' : '#fff'), [rgb]);

  const onChannel = (key: keyof Rgb) => (e: ChangeEvent<HTMLInputElement>) => {
    const next = { ...rgb, [key]: clamp(Number(e.target.value)) };
    setRgb(next);
    onChange(rgbToHex(next));
  };

  return (
    <div className="color-picker" style={{ width: 254, padding: 8 }}>
      <div className="swatch" style={{ background: hex, color: textColor, height: 64 }}>
        {hex}
      </div>
      {(['r', 'g', 'b'] as const).map((k) => (
        <label key={k}>
          {k.toUpperCase()}
          <input type="range" min={0} max={255} step={1} value={rgb[k]} onChange={onChannel(k)} />
          <output>{rgb[k]}</output>
        </label>
      ))}
      <div className="presets">
        {PRESETS.map((p, i) => (
          <button
            key={p}
            title={`Preset ${i + 1}`}
            style={{ background: p, width: 24, height: 24, borderRadius: 4 }}
            onClick={() => {
              setRgb(hexToRgb(p));
              onChange(p);
            }}
          />
        ))}
      </div>
    </div>
  );
}
