// MUI's Alert drawn by static CSS (static-alert.module.css): a severity's icon, the
// message and an optional action, for the alerts a request's page shows as it loads
// (issue #20). Not an ARIA alert unless `role` says so, as MUI's is by default:
// pass role="alert" where an error appears in answer to an action.
import type { HTMLAttributes, ReactNode, Ref } from "react";
import { ErrorOutlineIcon, InfoOutlinedIcon, ReportProblemOutlinedIcon } from "./static-alert-icons";
import styles from "./static-alert.module.css";

const ICONS = { info: InfoOutlinedIcon, warning: ReportProblemOutlinedIcon, error: ErrorOutlineIcon };

type Props = Omit<HTMLAttributes<HTMLElement>, "title"> & {
  severity: keyof typeof ICONS;
  variant?: "standard" | "outlined";
  /** AlertTitle's line above the message. */
  title?: ReactNode;
  titleId?: string;
  /** After the message, at the end (a button). */
  action?: ReactNode;
  /** The element it is: a div, or a section when it is a labelled region. */
  as?: "div" | "section";
  /** The message takes the width the icon leaves (for a message with blocks inside). */
  fill?: boolean;
  ref?: Ref<HTMLDivElement>;
  children?: ReactNode;
};

export function StaticAlert({ severity, variant = "standard", title, titleId, action, as: Element = "div", fill, className, children, ...props }: Props) {
  const Icon = ICONS[severity];
  return (
    <Element className={[styles.alert, styles[variant], styles[severity], className].filter(Boolean).join(" ")} {...props}>
      <div className={styles.icon}>
        <Icon />
      </div>
      <div className={fill ? `${styles.message} ${styles.fill}` : styles.message}>
        {title && (
          <div className={styles.title} id={titleId}>
            {title}
          </div>
        )}
        {children}
      </div>
      {action && <div className={styles.action}>{action}</div>}
    </Element>
  );
}
