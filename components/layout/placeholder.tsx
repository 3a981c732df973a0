// A grey block that pulses while content loads: MUI's Skeleton in a few lines, so
// loading states (the queue's included) cost next to nothing in JavaScript. The
// keyframes live in the theme (CssBaseline); reduced motion stops the pulse.
import Box from "@mui/material/Box";

type Props = { width?: number | string; height?: number | string; rounded?: boolean };

export function Placeholder({ width = "100%", height = 16, rounded = false }: Props) {
  return (
    <Box
      aria-hidden
      sx={{
        width,
        height,
        my: rounded ? 0 : 0.75,
        borderRadius: rounded ? 1 : 0.5,
        bgcolor: "action.hover",
        animation: "kv-pulse 1.6s ease-in-out 0.4s infinite",
      }}
    />
  );
}
