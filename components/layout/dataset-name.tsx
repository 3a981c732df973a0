// A dataset name that wraps where a person would break it: after each underscore
// (payments_ledger_<wbr>daily), never in the middle of a word. Only a part longer than
// the whole line breaks inside (overflow-wrap: break-word, the last resort; unlike
// "anywhere" it leaves the min-content width alone, so a flex row never squeezes the
// heading into mid-word breaks).
import { Fragment } from "react";

export function DatasetName({ name }: { name: string }) {
  const parts = name.split("_");
  return (
    <span style={{ overflowWrap: "break-word" }}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              _<wbr />
            </>
          )}
        </Fragment>
      ))}
    </span>
  );
}
