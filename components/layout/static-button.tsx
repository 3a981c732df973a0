// MUI's Button and IconButton as they look, drawn by static CSS (static-button.module.css)
// on a native <button> or a Next link: for the buttons every page or the queue shows at
// once, so ButtonBase, its ripple and Button's code stay out of the first load. Focus
// shows as the theme's ring (:focus-visible); there is no ripple and no loading state.
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ReactNode, Ref } from "react";
import NextLink from "next/link";
import { IntentLink } from "./intent-link";
import styles from "./static-button.module.css";

type Look = {
  variant?: "text" | "outlined" | "contained";
  color?: "primary" | "inherit" | "error";
  size?: "small" | "medium" | "large";
  /** An icon before the label (MUI's startIcon). */
  startIcon?: ReactNode;
  className?: string;
  children: ReactNode;
};

function buttonClass({ variant = "text", color = "primary", size = "medium", className }: Omit<Look, "children" | "startIcon">) {
  return [styles.button, variant !== "text" && styles[variant], color !== "primary" && styles[color], size !== "medium" && styles[size], className]
    .filter(Boolean)
    .join(" ");
}

function Content({ startIcon, children }: Pick<Look, "startIcon" | "children">) {
  return (
    <>
      {startIcon && <span className={styles.startIcon}>{startIcon}</span>}
      {children}
    </>
  );
}

type ButtonProps = Look & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "color" | "className" | "children"> & { ref?: Ref<HTMLButtonElement> };

/** A button that looks like MUI's Button. */
export function StaticButton({ variant, color, size, startIcon, className, children, type = "button", ...props }: ButtonProps) {
  return (
    <button type={type} className={buttonClass({ variant, color, size, className })} {...props}>
      <Content startIcon={startIcon}>{children}</Content>
    </button>
  );
}

type LinkProps = Look &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "color" | "className" | "children" | "href"> & {
    href: string;
    /** Fetch the page when reached for, not when in view (intent-link.tsx). */
    prefetchOnIntent?: boolean;
  };

/** A Next link that looks like MUI's Button (Button component={NextLink}). */
export function StaticLinkButton({ variant, color, size, startIcon, className, children, href, prefetchOnIntent, ...props }: LinkProps) {
  const Link = prefetchOnIntent ? IntentLink : NextLink;
  return (
    <Link href={href} className={buttonClass({ variant, color, size, className })} {...props}>
      <Content startIcon={startIcon}>{children}</Content>
    </Link>
  );
}

type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "color" | "children"> & {
  color?: "default" | "inherit";
  /** Required: an icon alone has no name. */
  "aria-label": string;
  children: ReactNode;
};

/** A round icon button that looks like MUI's IconButton (medium). */
export function StaticIconButton({ color = "default", className, children, type = "button", ...props }: IconButtonProps) {
  const classes = [styles.iconButton, color === "inherit" && styles.iconInherit, className].filter(Boolean).join(" ");
  return (
    <button type={type} className={classes} {...props}>
      {children}
    </button>
  );
}

type IconLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "color" | "children" | "href"> & {
  href: string;
  color?: "default" | "inherit";
  "aria-label": string;
  children: ReactNode;
};

/** A Next link that looks like StaticIconButton (IconButton component={NextLink}). */
export function StaticIconLink({ color = "default", className, children, href, ...props }: IconLinkProps) {
  const classes = [styles.iconButton, color === "inherit" && styles.iconInherit, className].filter(Boolean).join(" ");
  // The header's links (the inbox): fetched when reached for, not with every page.
  return (
    <IntentLink href={href} className={classes} {...props}>
      {children}
    </IntentLink>
  );
}
