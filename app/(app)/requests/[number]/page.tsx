import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { getRequestByNumber } from "@/lib/data/requests/get-request";
import { loadOr404, RequestPage, type RequestPageSearch } from "@/components/requests/request-page";

type Props = { params: Promise<{ number: string }>; searchParams: RequestPageSearch };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).number).toUpperCase() };
}

export default async function RequestByNumberPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { number } = await params;
  return <RequestPage user={user} search={searchParams} request={await loadOr404(() => getRequestByNumber(decodeURIComponent(number)))} />;
}
