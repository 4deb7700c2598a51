import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  tone: 'success' | 'error';
}

/** How long a toast stays before it goes by itself. */
export const TOAST_MS = 6000;

interface ToastState {
  toasts: Toast[];
  /** How long each toast stays, in ms (`null`: until dismissed; tests use that, so a slow
   * machine cannot make a toast go before the test reads it). */
  durationMs: number | null;
  show: (message: string, tone?: Toast['tone']) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

/** Short confirmations after a save ("Session saved") and errors that belong to no field. */
export const useToastStore = create<ToastState>((set) => ({
  toasts: [],
  durationMs: TOAST_MS,
  show: (message, tone = 'success') =>
    set((state) => ({ toasts: [...state.toasts.slice(-2), { id: nextId++, message, tone }] })),
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

/** Shows a confirmation from outside React (after an await, for example). */
export function showToast(message: string, tone: Toast['tone'] = 'success'): void {
  useToastStore.getState().show(message, tone);
}
