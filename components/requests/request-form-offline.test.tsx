/** @jest-environment jsdom */
// The form's checks load on demand (request-form-resolver.ts): when they cannot, the
// person is told, keeps every answer, and the next send tries the load again.
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RequestForm } from "@/components/requests/request-form";

let loads = 0;
jest.mock("@hookform/resolvers/zod", () => {
  loads++;
  throw new Error("Loading chunk failed");
});

it("says when its checks cannot load, keeps the answers, and tries again on the next send", async () => {
  const user = userEvent.setup({ delay: null });
  const onSubmit = jest.fn();
  render(<RequestForm defaultValues={{}} onSubmit={onSubmit} />);
  const name = screen.getByRole("textbox", { name: /^Dataset name/ });
  await user.type(name, "ads_click_features");
  await user.click(screen.getByRole("button", { name: "Submit request" }));

  const summary = await screen.findByRole("alert");
  expect(summary).toHaveTextContent("The form's checks could not load");
  expect(summary).toHaveFocus();
  expect(name).toHaveValue("ads_click_features");
  expect(screen.getByRole("button", { name: "Submit request" })).toBeEnabled();
  expect(onSubmit).not.toHaveBeenCalled();

  const before = loads;
  await user.click(screen.getByRole("button", { name: "Submit request" }));
  await screen.findByRole("alert");
  expect(loads).toBeGreaterThan(before);
});
