// The Material icons the queue and the header show at once, as plain SVG (the same
// paths as @mui/icons-material) styled like MUI's SvgIcon by static CSS: SvgIcon's code
// then stays out of every page's first load. Decorative, like MUI's: aria-hidden. static-icons.test.tsx checks each path against MUI's.
import styles from "./static-icons.module.css";

type StaticIconProps = { fontSize?: "small" | "medium"; className?: string };

export function staticIcon(path: string, name: string) {
  function Icon({ fontSize = "medium", className }: StaticIconProps) {
    const classes = [styles.icon, fontSize === "small" && styles.small, className].filter(Boolean).join(" ");
    return (
      <svg className={classes} focusable="false" aria-hidden viewBox="0 0 24 24">
        <path d={path} />
      </svg>
    );
  }
  Icon.displayName = `${name}Icon`;
  return Icon;
}

/** ArrowDropDown, as MUI's selects draw it. */
export const ArrowDropDownIcon = staticIcon("M7 10l5 5 5-5z", "ArrowDropDown");
export const UploadIcon = staticIcon("M5 20h14v-2H5zm0-10h4v6h6v-6h4l-7-7z", "Upload");
export const BookmarkBorderIcon = staticIcon("M17 3H7c-1.1 0-1.99.9-1.99 2L5 21l7-3 7 3V5c0-1.1-.9-2-2-2m0 15-5-2.18L7 18V5h10z", "BookmarkBorder");
export const DownloadIcon = staticIcon("M5 20h14v-2H5zM19 9h-4V3H9v6H5l7 7z", "Download");
export const KeyboardOutlinedIcon = staticIcon(
  "M20 7v10H4V7zm0-2H4c-1.1 0-1.99.9-1.99 2L2 17c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V7c0-1.1-.9-2-2-2m-9 3h2v2h-2zm0 3h2v2h-2zM8 8h2v2H8zm0 3h2v2H8zm-3 0h2v2H5zm0-3h2v2H5zm3 6h8v2H8zm6-3h2v2h-2zm0-3h2v2h-2zm3 3h2v2h-2zm0-3h2v2h-2z",
  "KeyboardOutlined",
);
export const KeyboardArrowLeftIcon = staticIcon("M15.41 16.59 10.83 12l4.58-4.59L14 6l-6 6 6 6z", "KeyboardArrowLeft");
export const KeyboardArrowRightIcon = staticIcon("M8.59 16.59 13.17 12 8.59 7.41 10 6l6 6-6 6z", "KeyboardArrowRight");
export const DarkModeOutlinedIcon = staticIcon(
  "M9.37 5.51c-.18.64-.27 1.31-.27 1.99 0 4.08 3.32 7.4 7.4 7.4.68 0 1.35-.09 1.99-.27C17.45 17.19 14.93 19 12 19c-3.86 0-7-3.14-7-7 0-2.93 1.81-5.45 4.37-6.49M12 3c-4.97 0-9 4.03-9 9s4.03 9 9 9 9-4.03 9-9c0-.46-.04-.92-.1-1.36-.98 1.37-2.58 2.26-4.4 2.26-2.98 0-5.4-2.42-5.4-5.4 0-1.81.89-3.42 2.26-4.4-.44-.06-.9-.1-1.36-.1",
  "DarkModeOutlined",
);
export const LightModeOutlinedIcon = staticIcon(
  "M12 9c1.65 0 3 1.35 3 3s-1.35 3-3 3-3-1.35-3-3 1.35-3 3-3m0-2c-2.76 0-5 2.24-5 5s2.24 5 5 5 5-2.24 5-5-2.24-5-5-5M2 13h2c.55 0 1-.45 1-1s-.45-1-1-1H2c-.55 0-1 .45-1 1s.45 1 1 1m18 0h2c.55 0 1-.45 1-1s-.45-1-1-1h-2c-.55 0-1 .45-1 1s.45 1 1 1M11 2v2c0 .55.45 1 1 1s1-.45 1-1V2c0-.55-.45-1-1-1s-1 .45-1 1m0 18v2c0 .55.45 1 1 1s1-.45 1-1v-2c0-.55-.45-1-1-1s-1 .45-1 1M5.99 4.58c-.39-.39-1.03-.39-1.41 0-.39.39-.39 1.03 0 1.41l1.06 1.06c.39.39 1.03.39 1.41 0s.39-1.03 0-1.41zm12.37 12.37c-.39-.39-1.03-.39-1.41 0-.39.39-.39 1.03 0 1.41l1.06 1.06c.39.39 1.03.39 1.41 0 .39-.39.39-1.03 0-1.41zm1.06-10.96c.39-.39.39-1.03 0-1.41-.39-.39-1.03-.39-1.41 0l-1.06 1.06c-.39.39-.39 1.03 0 1.41s1.03.39 1.41 0zM7.05 18.36c.39-.39.39-1.03 0-1.41-.39-.39-1.03-.39-1.41 0l-1.06 1.06c-.39.39-.39 1.03 0 1.41s1.03.39 1.41 0z",
  "LightModeOutlined",
);
export const SettingsBrightnessOutlinedIcon = staticIcon(
  "M21 3H3c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h18c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2m0 16.01H3V4.99h18zM8 16h2.5l1.5 1.5 1.5-1.5H16v-2.5l1.5-1.5-1.5-1.5V8h-2.5L12 6.5 10.5 8H8v2.5L6.5 12 8 13.5zm4-7c1.66 0 3 1.34 3 3s-1.34 3-3 3z",
  "SettingsBrightnessOutlined",
);
export const NotificationsNoneIcon = staticIcon(
  "M12 22c1.1 0 2-.9 2-2h-4c0 1.1.9 2 2 2m6-6v-5c0-3.07-1.63-5.64-4.5-6.32V4c0-.83-.67-1.5-1.5-1.5s-1.5.67-1.5 1.5v.68C7.64 5.36 6 7.92 6 11v5l-2 2v1h16v-1zm-2 1H8v-6c0-2.48 1.51-4.5 4-4.5s4 2.02 4 4.5z",
  "NotificationsNone",
);
export const LogoutIcon = staticIcon("m17 7-1.41 1.41L18.17 11H8v2h10.17l-2.58 2.58L17 17l5-5zM4 5h8V3H4c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h8v-2H4z", "Logout");
