export { DomainError } from './domain-error';
export * from './errors';
