// static-icons.tsx and static-alert-icons.tsx copy @mui/icons-material's paths (so SvgIcon stays out of the first
// load): each copy must draw what the icon it is named after draws.
import type { ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import Alert from "@mui/material/Alert";
import NativeSelect from "@mui/material/NativeSelect";
import * as staticIcons from "@/components/layout/static-icons";
import * as alertIcons from "@/components/layout/static-alert-icons";

const pathsOf = (markup: string) => [...markup.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]);

/** The Alert severity whose icon each of the Alert's icons is (static-alert.tsx). */
const ALERT_ICONS: Record<string, "info" | "warning" | "error"> = { InfoOutlinedIcon: "info", ReportProblemOutlinedIcon: "warning", ErrorOutlineIcon: "error" };

/**
 * What MUI draws for the icon: the select's arrow and the Alert's icons are @mui/material's
 * own copies (spelled differently from @mui/icons-material's).
 */
async function muiMarkup(exportName: string): Promise<string> {
  if (exportName === "ArrowDropDownIcon") return renderToStaticMarkup(<NativeSelect value="" onChange={() => {}} />);
  if (exportName in ALERT_ICONS) return renderToStaticMarkup(<Alert severity={ALERT_ICONS[exportName]} />);
  const { default: MuiIcon } = (await import(`@mui/icons-material/${exportName.replace(/Icon$/, "")}`)) as { default: ComponentType };
  return renderToStaticMarkup(<MuiIcon />);
}

// Every export is an icon but the factory they are made with.
const { staticIcon: _factory, ...frameIcons } = staticIcons;
const icons = Object.entries({ ...frameIcons, ...alertIcons });

describe.each(icons)("%s", (exportName, Icon) => {
  it("draws the same path as MUI's icon of that name", async () => {
    const ours = pathsOf(renderToStaticMarkup(<Icon />));
    expect(ours).toHaveLength(1);
    expect(ours).toEqual(pathsOf(await muiMarkup(exportName)));
  });
});
