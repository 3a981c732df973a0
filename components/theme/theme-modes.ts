// Static SVG icons (not @mui/icons-material): the header shows one on every page.
import { DarkModeOutlinedIcon, LightModeOutlinedIcon, SettingsBrightnessOutlinedIcon } from "@/components/layout/static-icons";

export const THEME_MODES = [
  { mode: "system", label: "System", Icon: SettingsBrightnessOutlinedIcon },
  { mode: "light", label: "Light", Icon: LightModeOutlinedIcon },
  { mode: "dark", label: "Dark", Icon: DarkModeOutlinedIcon },
] as const;

export type ThemeMode = (typeof THEME_MODES)[number]["mode"];
