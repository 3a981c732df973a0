import { InsightsSkeleton } from "@/components/layout/page-skeletons";

export default function Loading() {
  return <InsightsSkeleton />;
}
