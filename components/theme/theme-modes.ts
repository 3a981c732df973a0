import DarkModeOutlined from "@mui/icons-material/DarkModeOutlined";
import LightModeOutlined from "@mui/icons-material/LightModeOutlined";
import SettingsBrightnessOutlined from "@mui/icons-material/SettingsBrightnessOutlined";

export const THEME_MODES = [
  { mode: "system", label: "System", Icon: SettingsBrightnessOutlined },
  { mode: "light", label: "Light", Icon: LightModeOutlined },
  { mode: "dark", label: "Dark", Icon: DarkModeOutlined },
] as const;

export type ThemeMode = (typeof THEME_MODES)[number]["mode"];
