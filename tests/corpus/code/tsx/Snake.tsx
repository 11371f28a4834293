import { useCallback, useEffect, useRef, useState } from 'react';

const GRID = 24;
const CELL = 16;
const TICK_MS = 120;
const KEY_LEFT = 37;
const KEY_UP = 38;
const KEY_RIGHT = 39;
const KEY_DOWN = 40;
const KEY_SPACE = 32;

type Point = { x: number; y: number };

function randomCell(): Point {
  return { x: Math.floor(Math.random() * GRID), y: Math.floor(Math.random() * GRID) };
}

function rgba(r: number, g: number, b: number, a = 1): string {
  return `rgba(${r & 255}, ${g & 255}, ${b & 255}, ${a})`;
}

export default function Snake({ speed = 1 }: { speed?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [snake, setSnake] = useState<Point[]>([{ x: 12, y: 12 }]);
  const [dir, setDir] = useState<Point>({ x: 1, y: 0 });
  const [food, setFood] = useState<Point>(randomCell);
  const [paused, setPaused] = useState(false);
  const [score, setScore] = useState(0);

  const onKey = useCallback((e: KeyboardEvent) => {
    switch (e.keyCode) {
      case KEY_LEFT:
        setDir({ x: -1, y: 0 });
        break;
      case KEY_UP:
        setDir({ x: 0, y: -1 });
        break;
      case KEY_RIGHT:
        setDir({ x: 1, y: 0 });
        break;
      case KEY_DOWN:
        setDir({ x: 0, y: 1 });
        break;
      case KEY_SPACE:
        setPaused((p) => !p);
        break;
    }
  }, []);

  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onKey]);

  useEffect(() => {
    if (paused) return;
    const id = setInterval(() => {
      setSnake((prev) => {
        const head = { x: (prev[0].x + dir.x + GRID) % GRID, y: (prev[0].y + dir.y + GRID) % GRID };
        if (prev.some((p) => p.x === head.x && p.y === head.y)) {
          setScore(0);
          return [{ x: 12, y: 12 }];
        }
        const ate = head.x === food.x && head.y === food.y;
        if (ate) {
          setFood(randomCell());
          setScore((s) => s + 10);
        }
        return [head, ...prev.slice(0, ate ? prev.length : prev.length - 1)];
      });
    }, TICK_MS / speed);
    return () => clearInterval(id);
  }, [dir, food, paused, speed]);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = rgba(18, 18, 18);
    ctx.fillRect(0, 0, GRID * CELL, GRID * CELL);
    ctx.fillStyle = rgba(255, 87, 34);
    ctx.fillRect(food.x * CELL, food.y * CELL, CELL, CELL);
    snake.forEach((p, i) => {
      ctx.fillStyle = rgba(76, 175, 80, i === 0 ? 1 : 0.7);
      ctx.fillRect(p.x * CELL + 1, p.y * CELL + 1, CELL - 2, CELL - 2);
    });
  }, [snake, food]);

  return (
    <div className="snake">
      <canvas ref={canvas} width={GRID * CELL} height={GRID * CELL} tabIndex={0} />
      <p>
        Score: {score} {paused && '(paused)'}
      </p>
    </div>
  );
}
