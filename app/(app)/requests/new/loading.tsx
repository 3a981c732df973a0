import { FormSkeleton } from "@/components/layout/page-skeletons";

export default function Loading() {
  return <FormSkeleton />;
}
