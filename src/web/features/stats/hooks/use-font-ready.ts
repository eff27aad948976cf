import { useEffect, useState } from 'react';

/** Canvas text (charts, the map) is drawn once: wait for the app's font, or the canvas keeps the fallback face. */
export function useFontReady(): boolean {
  const probe = '12px Vazirmatn';
  const [ready, setReady] = useState(() => typeof document === 'undefined' || !('fonts' in document) || document.fonts.check(probe));
  useEffect(() => {
    if (ready) return;
    let live = true;
    const done = () => live && setReady(true);
    Promise.all([document.fonts.load(probe), document.fonts.load(`600 ${probe}`)]).then(done, done);
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}
