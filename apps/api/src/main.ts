import 'reflect-metadata';
import { placeholder } from '@payload-tracker/status-lifecycle';
export const value: number = placeholder;
