"use client";
// The charts, fetched after the page (its text and tables) has rendered.
import dynamic from "next/dynamic";
import { Placeholder } from "@/components/layout/placeholder";

const loading = () => <Placeholder height={300} rounded />;

export const RequestsOverTimeChart = dynamic(() => import("./insights-charts").then((m) => m.RequestsOverTimeChart), { ssr: false, loading });
export const BacklogChart = dynamic(() => import("./insights-charts").then((m) => m.BacklogChart), { ssr: false, loading });
export const PriorityChart = dynamic(() => import("./insights-charts").then((m) => m.PriorityChart), { ssr: false, loading });
export const CompletionTimeChart = dynamic(() => import("./insights-charts").then((m) => m.CompletionTimeChart), { ssr: false, loading });
export const TopTeamsChart = dynamic(() => import("./insights-charts").then((m) => m.TopTeamsChart), { ssr: false, loading });
