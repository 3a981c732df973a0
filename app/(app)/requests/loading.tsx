import { QueueSkeleton } from "@/components/layout/page-skeletons";

export default function Loading() {
  return <QueueSkeleton />;
}
