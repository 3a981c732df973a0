"use client";
// The queue's keyboard shortcuts, listed in a dialog (opened with "?" or the button).
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";

const QUEUE_KEYS: { keys: string[]; does: string; adminOnly?: boolean }[] = [
  { keys: ["/"], does: "Search" },
  { keys: ["j", "↓"], does: "Next request" },
  { keys: ["k", "↑"], does: "Previous request" },
  { keys: ["Enter"], does: "Open the request" },
  { keys: ["x"], does: "Select or unselect the request", adminOnly: true },
  { keys: ["n"], does: "New request" },
  { keys: ["?"], does: "Show these shortcuts" },
];

export function KeyboardHelp({ open, onClose, isAdmin }: { open: boolean; onClose: () => void; isAdmin: boolean }) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="keyboard-help-title" maxWidth="xs" fullWidth>
      <DialogTitle id="keyboard-help-title">Keyboard shortcuts</DialogTitle>
      <DialogContent>
        <Box component="dl" sx={{ m: 0, display: "grid", gridTemplateColumns: "auto 1fr", columnGap: 2, rowGap: 1, alignItems: "center" }}>
          {QUEUE_KEYS.filter((k) => isAdmin || !k.adminOnly).map(({ keys, does }) => (
            <Box key={does} sx={{ display: "contents" }}>
              <Box component="dt" sx={{ display: "flex", gap: 0.5 }}>
                {keys.map((k) => (
                  <Box
                    component="kbd"
                    key={k}
                    sx={{
                      fontFamily: "monospace",
                      px: 0.75,
                      py: 0.25,
                      border: 1,
                      borderColor: "divider",
                      borderRadius: 1,
                      bgcolor: "action.hover",
                      minWidth: 24,
                      textAlign: "center",
                    }}
                  >
                    {k}
                  </Box>
                ))}
              </Box>
              <Box component="dd" sx={{ m: 0 }}>
                {does}
              </Box>
            </Box>
          ))}
        </Box>
        <Box component="p" sx={{ color: "text.secondary", mb: 0 }}>
          Shortcuts pause while you type in a field; Esc leaves it.
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
