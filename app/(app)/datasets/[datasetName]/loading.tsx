import { DetailSkeleton } from "@/components/layout/page-skeletons";

export default function Loading() {
  return <DetailSkeleton />;
}
