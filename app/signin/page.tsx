import type { Metadata } from "next";
import { redirect } from "next/navigation";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Divider from "@mui/material/Divider";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { getCurrentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { oidcConfig, passwordSignInEnabled } from "@/lib/auth/oidc-config";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoButton } from "@/components/auth/sso-button";
import { signInErrorMessage } from "@/components/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };

type Params = { next?: string | string[]; error?: string | string[] };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const next = safeNextPath(first(params.next));
  if (await getCurrentUser()) redirect(next);
  const sso = oidcConfig();
  const password = passwordSignInEnabled();
  const error = signInErrorMessage(first(params.error));
  return (
    <Box component="main" sx={{ minHeight: "100dvh", display: "grid", placeItems: "center", p: 2 }}>
      <Paper sx={{ p: { xs: 3, sm: 4 }, width: "100%", maxWidth: 400 }}>
        <Typography variant="h1" sx={{ mb: 0.5 }}>
          KVStore App
        </Typography>
        <Typography color="textSecondary" sx={{ mb: 3 }}>
          Sign in to request and look up datasets.
        </Typography>
        <Stack spacing={2}>
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          {sso && <SsoButton displayName={sso.displayName} next={next} primary />}
          {sso && password && <Divider>or with a password</Divider>}
          {password && <SignInForm next={next} secondary={sso !== null} />}
        </Stack>
      </Paper>
    </Box>
  );
}
