"use client";
// The charts, fetched after the page (its text and tables) has rendered, and each drawn
// only once its box comes near the screen: on a phone the first view holds one chart at
// most, and drawing all five at once was the page's longest main-thread task.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type ComponentType } from "react";
import { Placeholder } from "@/components/layout/placeholder";

const loading = () => <Placeholder height={300} rounded />;

function whenNearScreen<P extends object>(Chart: ComponentType<P>) {
  return function NearScreen(props: P) {
    const box = useRef<HTMLDivElement>(null);
    const [near, setNear] = useState(false);
    useEffect(() => {
      const el = box.current;
      if (near || !el) return;
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) setNear(true);
        },
        { rootMargin: "200px 0px" },
      );
      observer.observe(el);
      return () => observer.disconnect();
    }, [near]);
    return near ? <Chart {...props} /> : <div ref={box}>{loading()}</div>;
  };
}

export const RequestsOverTimeChart = whenNearScreen(dynamic(() => import("./insights-charts").then((m) => m.RequestsOverTimeChart), { ssr: false, loading }));
export const BacklogChart = whenNearScreen(dynamic(() => import("./insights-charts").then((m) => m.BacklogChart), { ssr: false, loading }));
export const PriorityChart = whenNearScreen(dynamic(() => import("./insights-charts").then((m) => m.PriorityChart), { ssr: false, loading }));
export const CompletionTimeChart = whenNearScreen(dynamic(() => import("./insights-charts").then((m) => m.CompletionTimeChart), { ssr: false, loading }));
export const TopTeamsChart = whenNearScreen(dynamic(() => import("./insights-charts").then((m) => m.TopTeamsChart), { ssr: false, loading }));
