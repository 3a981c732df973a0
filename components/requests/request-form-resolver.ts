// The request form's validation, loaded when the form is first used rather than with the
// page: zod and the request schemas are ~127 KB of script (lib/schemas/request.ts and
// zod's core), and evaluating them was ~0.4 s of the form's start-up at a phone's CPU
// (issue #20, BENCHMARKS.md). The schemas are the server's own, unchanged; only when they
// arrive moves. react-hook-form awaits a resolver, so a blur or a submit that comes
// before the chunk has loaded waits for it and validates exactly as before.
import type { Resolver } from "react-hook-form";
import type { CreateRequestBody } from "@/lib/schemas/request";
import type { RequestFormValues } from "@/components/requests/request-form";

type FormResolver = Resolver<RequestFormValues, unknown, CreateRequestBody>;

const loadModules = () => Promise.all([import("@hookform/resolvers/zod"), import("@/lib/schemas/request")]);
let loading: ReturnType<typeof loadModules> | undefined;

/** Starts loading the validation (once; again after a failed load); what the resolver below awaits. */
export function loadRequestValidation() {
  return (loading ??= loadModules().catch((error: unknown) => {
    // A lost connection must not leave the form without checks until a reload.
    loading = undefined;
    throw error;
  }));
}

const CHECKS_UNAVAILABLE = "The form's checks could not load, so nothing was sent. Check your connection and submit again: your answers are still here.";

/**
 * The resolver for a new request, or for an edit of one whose needed-by date is
 * `existingNeededBy` (an edit may keep a date that has since passed).
 */
export function requestFormResolver(existingNeededBy: string | null = null): FormResolver {
  let resolver: FormResolver | undefined;
  return async (values, context, options) => {
    if (!resolver) {
      try {
        const [{ zodResolver }, { requestFormSchemaFor }] = await loadRequestValidation();
        resolver = zodResolver(requestFormSchemaFor(existingNeededBy)) as FormResolver;
      } catch {
        // Not sent, nothing lost: the form says so, and the next check loads again.
        return { values: {}, errors: { root: { type: "unavailable", message: CHECKS_UNAVAILABLE } } };
      }
    }
    return resolver(values, context, options);
  };
}
