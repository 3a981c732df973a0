"use client";
// Light, dark, or whatever the system prefers (the default). MUI keeps the choice in
// localStorage and InitColorSchemeScript (app/layout.tsx) applies it before the first
// paint, so there is no flash of the wrong theme.
import { useState, type MouseEvent } from "react";
import dynamic from "next/dynamic";
import { useColorScheme } from "@mui/material/styles";
import { StaticIconButton } from "@/components/layout/static-button";
import { THEME_MODES as MODES } from "@/components/theme/theme-modes";

// Every page has the header: the menu's code comes only when someone opens it.
const ThemeMenu = dynamic(() => import("@/components/theme/theme-menu").then((m) => m.ThemeMenu), { ssr: false });

export function ThemeToggle() {
  // `mode` is undefined until mounted (the server cannot know it).
  const { mode, setMode } = useColorScheme();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const current = MODES.find((m) => m.mode === mode) ?? MODES[0];
  const label = `Theme: ${current.label}`;

  return (
    <>
      {/* The native title, not MUI's Tooltip: Tooltip and Popper were 11 KB gzipped of every page's first load. */}
      <StaticIconButton
        color="inherit"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={anchor ? "true" : undefined}
        aria-controls={anchor ? "theme-menu" : undefined}
        onClick={(e: MouseEvent<HTMLElement>) => setAnchor(e.currentTarget)}
      >
        <current.Icon />
      </StaticIconButton>
      {anchor && <ThemeMenu anchor={anchor} mode={mode} onChoose={setMode} onClose={() => setAnchor(null)} />}
    </>
  );
}
